namespace VideoSeg.Models.Checkpoints;

/// <summary>A Python <c>bytes</c> object.</summary>
/// <param name="Value">The bytes.</param>
public sealed record CheckpointBytes(byte[] Value) : CheckpointValue;
