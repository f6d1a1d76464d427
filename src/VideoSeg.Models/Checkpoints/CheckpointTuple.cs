using System.Collections.Generic;

namespace VideoSeg.Models.Checkpoints;

/// <summary>A Python <c>tuple</c> (also <c>torch.Size</c> and <c>frozenset</c>).</summary>
/// <param name="Items">The elements in order.</param>
public sealed record CheckpointTuple(IReadOnlyList<CheckpointValue> Items) : CheckpointValue;
