using static TorchSharp.torch;

namespace VideoSeg.Models.Raft;

/// <summary>What one iteration of a RAFT update block returns.</summary>
/// <param name="Hidden">The GRU's new hidden state.</param>
/// <param name="Mask">The convex-upsampling logits, B × 576 × H × W already scaled by 0.25 (full RAFT), or null (RAFT-small, or not asked for).</param>
/// <param name="Delta">The flow update, B × 2 × H × W, in pixels of the 1/8 grid.</param>
public readonly record struct RaftUpdate(Tensor Hidden, Tensor? Mask, Tensor Delta);
