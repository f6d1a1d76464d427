using VideoSeg.Flow.Warping;

namespace VideoSeg.Refine;

/// <summary>Settings of <see cref="IterativeWarpingRefinement"/>.</summary>
/// <param name="Alpha">The weight α of the current mask (the paper's code: 0.8).</param>
/// <param name="Iterations">How many Jacobi sweeps (the paper's code: 10; Figure 7 shows 1, 2, 4, 8).</param>
/// <param name="NormalizeWeights">
/// False: the paper's form, in its text and in <c>iterative_warping.py</c> alike,
/// α·M_t + (1−α)·(w^f(M_{t−1}) + w^b(M_{t+1})), whose weights sum to 2 − α (1.2) on interior frames and to 1
/// on the first and last frames (which add only the neighbour they have). True: a convex combination,
/// α·M_t + (1−α)·mean of the available neighbours, so weights always sum to 1.
/// </param>
/// <param name="Convention">The warp's coordinate convention (the paper's code: <see cref="WarpConvention.PaperIterativeCode"/>).</param>
/// <param name="Propagation">Which flows carry the neighbours into frame t (the paper's code: <see cref="PropagationFlow.SourceToTarget"/>).</param>
/// <param name="Threshold">Evaluation thresholds the soft masks strictly above this (0.5).</param>
public sealed record IterativeWarpingRefinementOptions(
    float Alpha = 0.8f,
    int Iterations = 1,
    bool NormalizeWeights = false,
    WarpConvention Convention = WarpConvention.PixelExact,
    PropagationFlow Propagation = PropagationFlow.TargetToSource,
    float Threshold = 0.5f)
{
    /// <summary>
    /// Everything as in the paper's <c>iterative_warping.py</c>: α = 0.8, 10 iterations, unnormalised weights,
    /// the undivided warp and source-to-target flows.
    /// </summary>
    public static IterativeWarpingRefinementOptions PaperCode { get; } =
        new(0.8f, 10, NormalizeWeights: false, WarpConvention.PaperIterativeCode, PropagationFlow.SourceToTarget);
}
