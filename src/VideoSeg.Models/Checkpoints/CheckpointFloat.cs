namespace VideoSeg.Models.Checkpoints;

/// <summary>A Python <c>float</c> (or a NumPy floating-point scalar).</summary>
/// <param name="Value">The number.</param>
public sealed record CheckpointFloat(double Value) : CheckpointValue;
