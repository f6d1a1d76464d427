namespace VideoSeg.Models.Checkpoints;

/// <summary>A Python <c>int</c> that fits in 64 bits (larger ones are refused).</summary>
/// <param name="Value">The number.</param>
public sealed record CheckpointInteger(long Value) : CheckpointValue;
