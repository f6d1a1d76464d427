namespace VideoSeg.Models.Loss;

/// <summary>
/// The settings of <see cref="FlowReconstructionLoss"/>, defaulting to GWM's (<c>src/config.py</c>,
/// <c>src/main.py</c>).
/// </summary>
public sealed record FlowReconstructionLossOptions
{
    /// <summary>The loss multiplier, GWM's <c>GWM.LOSS_MULT.REC</c> = 0.03.</summary>
    public double Weight { get; init; } = 0.03;

    /// <summary>
    /// The flow is clamped to ±this many pixels before the fit and as the regression target, as GWM's training
    /// loop does (<c>flow.clip(-20, 20)</c> in <c>src/main.py</c>). Infinity disables it.
    /// </summary>
    public double FlowClip { get; init; } = 20.0;

    /// <summary>The ridge λ of the least-squares fit, see <see cref="MotionModelFit.DefaultRidge"/>; 0 is GWM's solve.</summary>
    public double Ridge { get; init; } = MotionModelFit.DefaultRidge;
}
