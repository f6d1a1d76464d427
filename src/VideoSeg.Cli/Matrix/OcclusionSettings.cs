namespace VideoSeg.Cli.Matrix;

/// <summary>The UnFlow forward–backward check used by every configuration.</summary>
/// <param name="Variant">"paper" (warped backward flow in the magnitude term) or "unflow-code" (unwarped).</param>
/// <param name="Alpha1">The relative tolerance α1 (0.01 in UnFlow).</param>
/// <param name="Alpha2">The absolute tolerance α2 in px² (0.5 in UnFlow).</param>
/// <param name="WarpConvention">How the backward flow is sampled at x + w_f.</param>
public sealed record OcclusionSettings(string Variant, double Alpha1, double Alpha2, string WarpConvention);
