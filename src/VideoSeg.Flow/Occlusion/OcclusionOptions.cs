using System;
using VideoSeg.Core.Experiments;
using VideoSeg.Flow.Warping;

namespace VideoSeg.Flow.Occlusion;

/// <summary>Settings of the forward–backward occlusion check.</summary>
/// <param name="Alpha1">Relative tolerance α1 on the squared flow magnitudes (UnFlow: 0.01).</param>
/// <param name="Alpha2">Absolute tolerance α2 in squared pixels (UnFlow: 0.5).</param>
/// <param name="Variant">The paper's formula or UnFlow's code.</param>
/// <param name="WarpConvention">How the backward flow is sampled at x + w_f.</param>
public sealed record OcclusionOptions(
    float Alpha1 = 0.01f,
    float Alpha2 = 0.5f,
    OcclusionVariant Variant = OcclusionVariant.Paper,
    WarpConvention WarpConvention = WarpConvention.PixelExact)
{
    /// <summary>The paper's constants, formula and the exact warp.</summary>
    public static OcclusionOptions Default { get; } = new();

    /// <summary>The check the experiment matrix describes.</summary>
    public static OcclusionOptions From(OcclusionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new OcclusionOptions(
            (float)settings.Alpha1,
            (float)settings.Alpha2,
            settings.Variant == "unflow-code" ? OcclusionVariant.UnFlowCode : OcclusionVariant.Paper,
            WarpConventionNames.Parse(settings.WarpConvention));
    }
}
