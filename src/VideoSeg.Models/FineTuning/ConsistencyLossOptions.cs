using System.Globalization;
using VideoSeg.Core;
using VideoSeg.Core.Experiments;

namespace VideoSeg.Models.FineTuning;

/// <summary>
/// The consistency loss's settings: L = <see cref="Weight"/> · Σ_pairs consistency + <see cref="DeviationWeight"/> ·
/// Σ_pairs deviation, where deviation is SSL-VOS's regulariser towards the starting model's foreground maps
/// (ponimatkin/ssl-vos <c>global_optimization.py</c>, its α_c), and consistency may weigh each pixel by whether
/// it stays visible in the other frame (UnFlow's check, the occlusions stage's maps).
/// </summary>
public sealed record ConsistencyLossOptions
{
    /// <summary>The paper's ARFlow flows were computed at 640 px wide and resized to 224 without rescaling.</summary>
    public const double PaperFlowScaleX = 640.0 / 224.0;

    /// <summary>The paper's ARFlow flows were computed at 384 px high and resized to 128 without rescaling.</summary>
    public const double PaperFlowScaleY = 384.0 / 128.0;

    /// <summary>The loss's form.</summary>
    public ConsistencyLossForm Form { get; init; } = ConsistencyLossForm.PaperCode;

    /// <summary>The consistency term's weight (<c>GWM.LOSS_MULT.REC</c>: 0.03 in <c>main_ssl_stv2.py</c>, 0.5 in <c>main_ssl.py</c>).</summary>
    public double Weight { get; init; } = 0.03;

    /// <summary>α_c of the deviation regulariser; 0 leaves it out (the paper's code has none; SSL-VOS uses 1.0).</summary>
    public double DeviationWeight { get; init; }

    /// <summary>Whether each pixel's consistency is weighted by its visibility in the other frame (the paper's code: no).</summary>
    public bool OcclusionWeighted { get; init; }

    /// <summary>The factor the horizontal flow is multiplied by before warping (1: flows at the working resolution).</summary>
    public double FlowScaleX { get; init; } = 1.0;

    /// <summary>The factor the vertical flow is multiplied by before warping.</summary>
    public double FlowScaleY { get; init; } = 1.0;

    /// <summary>The paper code's loss: its form, and its flows' unrescaled displacements (×640/224, ×384/128).</summary>
    public static ConsistencyLossOptions PaperCode { get; } = new() { FlowScaleX = PaperFlowScaleX, FlowScaleY = PaperFlowScaleY };

    /// <summary>The corrected loss: proper BCE, detached target, consistent direction, flows as they are.</summary>
    public static ConsistencyLossOptions Corrected { get; } = new() { Form = ConsistencyLossForm.Corrected };

    /// <summary>Throws <see cref="VideoSegException"/> (<see cref="ErrorCodes.InvalidArgument"/>) for settings that cannot train.</summary>
    public void Validate()
    {
        Require(double.IsFinite(Weight) && Weight > 0, $"Weight must be positive, got {Format(Weight)}");
        Require(double.IsFinite(DeviationWeight) && DeviationWeight >= 0, $"DeviationWeight must be non-negative, got {Format(DeviationWeight)}");
        Require(double.IsFinite(FlowScaleX) && FlowScaleX > 0 && double.IsFinite(FlowScaleY) && FlowScaleY > 0, $"the flow scales must be positive, got {Format(FlowScaleX)} and {Format(FlowScaleY)}");
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, $"Invalid consistency loss options: {message}.");
        }
    }
}
