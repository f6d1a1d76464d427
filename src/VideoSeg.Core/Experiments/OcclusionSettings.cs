namespace VideoSeg.Core.Experiments;

/// <summary>The UnFlow forward–backward check used by every configuration.</summary>
/// <param name="Variant">"paper" (warped backward flow in the magnitude term) or "unflow-code" (unwarped).</param>
/// <param name="Alpha1">The relative tolerance α1, from 0 to <see cref="MaxAlpha1"/> (0.01 in UnFlow).</param>
/// <param name="Alpha2">The absolute tolerance α2 in px², from 0 to <see cref="MaxAlpha2"/> (0.5 in UnFlow).</param>
/// <param name="WarpConvention">How the backward flow is sampled at x + w_f.</param>
public sealed record OcclusionSettings(string Variant, double Alpha1, double Alpha2, string WarpConvention)
{
    /// <summary>UnFlow's α1.</summary>
    public const double DefaultAlpha1 = 0.01;

    /// <summary>UnFlow's α2 in px².</summary>
    public const double DefaultAlpha2 = 0.5;

    /// <summary>
    /// The largest α1 the matrix accepts: α1 scales the squared flow magnitudes, so at 1 a round-trip
    /// error as large as both flows together still counts as consistent. Below 0 (refused too) the
    /// tolerance would shrink as motion grows, flagging moving pixels that agree perfectly.
    /// </summary>
    public const double MaxAlpha1 = 1;

    /// <summary>
    /// The largest α2 (px²) the matrix accepts: 100 px² (a 10 px round-trip error) is already 200
    /// times UnFlow's value. Below 0 (refused too) even a still pixel with exact flows is flagged.
    /// </summary>
    public const double MaxAlpha2 = 100;
}
