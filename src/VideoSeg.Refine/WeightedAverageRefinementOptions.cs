using System.Collections.Generic;
using VideoSeg.Flow.Warping;

namespace VideoSeg.Refine;

/// <summary>Settings of <see cref="WeightedAverageRefinement"/>.</summary>
/// <param name="Gaps">The gaps g averaged over, each weighted 1/g: the paper's Table 1 uses {1} and {1, 2}.</param>
/// <param name="IncludeCurrent">
/// Whether frame t's own mask enters both sums with weight 1 (and visibility 1). Eqs. 6–7 sum only the
/// propagated neighbours, but Sec. 5.2 says the average is "over the original GWM mask estimate, the previous
/// and following mask estimates"; true follows the text of Sec. 5.2, false the equations.
/// </param>
/// <param name="Convention">The warp's coordinate convention.</param>
/// <param name="Propagation">Which flows carry the neighbours' masks into frame t.</param>
/// <param name="Threshold">A pixel is foreground where weightedSum / normalizer is strictly above this (eq. 7: 0.5).</param>
public sealed record WeightedAverageRefinementOptions(
    IReadOnlyList<int> Gaps,
    bool IncludeCurrent = true,
    WarpConvention Convention = WarpConvention.PixelExact,
    PropagationFlow Propagation = PropagationFlow.TargetToSource,
    float Threshold = 0.5f);
