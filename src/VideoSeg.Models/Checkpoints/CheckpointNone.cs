namespace VideoSeg.Models.Checkpoints;

/// <summary>Python's <c>None</c>.</summary>
public sealed record CheckpointNone : CheckpointValue
{
    private CheckpointNone()
    {
    }

    /// <summary>The one <c>None</c> value.</summary>
    public static CheckpointNone Instance { get; } = new();
}
