using static TorchSharp.torch;

namespace VideoSeg.Models.Loss;

/// <summary>
/// The result of <see cref="MotionModelFit.Solve"/>: the per-segment quadratic motion parameters and the flow
/// they reconstruct. Both tensors stay attached to the autograd graph of the masks.
/// </summary>
/// <param name="Theta">
/// (B, K, 6, 2): for segment k, column 0 holds the parameters of u and column 1 those of v, rows in the basis
/// order [x, y, x², y², xy, 1] of <see cref="QuadraticMotionBasis"/>.
/// </param>
/// <param name="Reconstruction">(B, 2, H, W): F̂ = Σ_k (M_k ⊙ basis) θ_k, u then v.</param>
public sealed record MotionModelSolution(Tensor Theta, Tensor Reconstruction);
