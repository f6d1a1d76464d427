using VideoSeg.Flow.Warping;

namespace VideoSeg.Refine;

/// <summary>Settings of <see cref="InitialRefinement"/>.</summary>
/// <param name="Convention">The warp's coordinate convention.</param>
/// <param name="Propagation">Which flow carries frame t's mask into frame t + 1.</param>
/// <param name="Threshold">The warped (bilinear, soft) mask counts as foreground strictly above this.</param>
public sealed record InitialRefinementOptions(
    WarpConvention Convention = WarpConvention.PixelExact,
    PropagationFlow Propagation = PropagationFlow.TargetToSource,
    float Threshold = 0.5f);
