namespace VideoSeg.Models.Checkpoints;

/// <summary>A Python <c>bool</c>.</summary>
/// <param name="Value">The truth value.</param>
public sealed record CheckpointBoolean(bool Value) : CheckpointValue;
