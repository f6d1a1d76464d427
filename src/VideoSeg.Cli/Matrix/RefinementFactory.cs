using System;
using System.Linq;
using VideoSeg.Flow.Occlusion;
using VideoSeg.Flow.Warping;
using VideoSeg.Refine;

namespace VideoSeg.Cli.Matrix;

/// <summary>Turns experiment-matrix entries into the Flow and Refine libraries' option records.</summary>
public static class RefinementFactory
{
    /// <summary>The occlusion check the matrix describes.</summary>
    public static OcclusionOptions Occlusion(OcclusionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new OcclusionOptions(
            (float)settings.Alpha1,
            (float)settings.Alpha2,
            settings.Variant == "unflow-code" ? OcclusionVariant.UnFlowCode : OcclusionVariant.Paper,
            Warp(settings.WarpConvention));
    }

    /// <summary>The refinement a configuration describes; null for the base and reference rows, which copy masks unchanged.</summary>
    public static IMaskRefinement? Create(RefinementConfiguration configuration, double threshold)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        WarpConvention warp = Warp(configuration.WarpConvention);
        PropagationFlow propagation = configuration.Propagation == "target-to-source" ? PropagationFlow.TargetToSource : PropagationFlow.SourceToTarget;
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

    private static WarpConvention Warp(string name) => name switch
    {
        "pixel-exact" => WarpConvention.PixelExact,
        "paper-iterative-code" => WarpConvention.PaperIterativeCode,
        _ => WarpConvention.SslVos,
    };
}
