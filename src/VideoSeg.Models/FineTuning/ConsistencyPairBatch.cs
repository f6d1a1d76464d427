using static TorchSharp.torch;

namespace VideoSeg.Models.FineTuning;

/// <summary>
/// One batch of adjacent frame pairs (t, t+1) for <see cref="ConsistencyLoss"/>. Every tensor has the same batch
/// size B and spatial size H × W.
/// </summary>
/// <param name="First">(B, 2, H, W): the network's softmax probabilities of frame t.</param>
/// <param name="Second">(B, 2, H, W): the probabilities of frame t+1.</param>
/// <param name="Forward">(B, 2, H, W): the flow t→t+1 in pixels, u then v, defined on frame t (stored under t, gap +1).</param>
/// <param name="Backward">(B, 2, H, W): the flow t+1→t, defined on frame t+1 (stored under t+1, gap −1).</param>
/// <param name="FirstVisible">(B, 1, H, W) or null: 1 where a pixel of frame t stays visible in frame t+1.</param>
/// <param name="SecondVisible">(B, 1, H, W) or null: 1 where a pixel of frame t+1 is visible in frame t.</param>
/// <param name="FirstInitial">(B, 1, H, W) or null: the starting model's foreground probability of frame t.</param>
/// <param name="SecondInitial">(B, 1, H, W) or null: the starting model's foreground probability of frame t+1.</param>
public sealed record ConsistencyPairBatch(
    Tensor First,
    Tensor Second,
    Tensor Forward,
    Tensor Backward,
    Tensor? FirstVisible = null,
    Tensor? SecondVisible = null,
    Tensor? FirstInitial = null,
    Tensor? SecondInitial = null);
