namespace VideoSeg.Models.Checkpoints;

/// <summary>A Python <c>str</c>.</summary>
/// <param name="Value">The text.</param>
public sealed record CheckpointString(string Value) : CheckpointValue;
