using System;
using System.Linq;
using VideoSeg.Core.Experiments;
using VideoSeg.Flow.Warping;

namespace VideoSeg.Refine;

/// <summary>Turns the experiment matrix's configurations into the refinements they describe.</summary>
public static class RefinementFactory
{
    /// <summary>The refinement a configuration describes; null for the base and reference rows, which copy masks unchanged.</summary>
    public static IMaskRefinement? Create(RefinementConfiguration configuration, double threshold)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        WarpConvention warp = WarpConventionNames.Parse(configuration.WarpConvention);
        PropagationFlow propagation = PropagationFlowNames.Parse(configuration.Propagation);
        return configuration.Kind switch
        {
            RefinementKind.Base or RefinementKind.Reference => null,
            RefinementKind.Initial => new InitialRefinement(new InitialRefinementOptions(warp, propagation, (float)threshold)),
            RefinementKind.WeightedAverage => new WeightedAverageRefinement(new WeightedAverageRefinementOptions(configuration.Gaps, configuration.IncludeCurrent, warp, propagation, (float)threshold)),
            RefinementKind.Iterative => new IterativeWarpingRefinement(new IterativeWarpingRefinementOptions((float)configuration.Alpha, configuration.Iterations, configuration.NormalizeWeights, warp, propagation, (float)threshold)),
            _ => throw new ArgumentOutOfRangeException(nameof(configuration)),
        };
    }

    /// <summary>The gaps a configuration reads flows for (each with its opposite).</summary>
    public static int[] RequiredGaps(RefinementConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration.Kind == RefinementKind.WeightedAverage && configuration.Gaps.Contains(2) ? [1, -1, 2, -2] : [1, -1];
    }
}
