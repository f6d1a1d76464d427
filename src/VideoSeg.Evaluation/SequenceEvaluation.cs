using System.Collections.Generic;

namespace VideoSeg.Evaluation;

/// <summary>One sequence's per-frame scores and DAVIS statistics over its counted frames.</summary>
/// <param name="Sequence">The sequence name.</param>
/// <param name="Protocol">The frame protocol that chose the counted frames.</param>
/// <param name="Frames">Every frame, counted or not, in order.</param>
/// <param name="J">Statistics of J over the counted frames.</param>
/// <param name="F">Statistics of F over the counted frames.</param>
/// <param name="CountedFrameCount">How many frames were counted.</param>
/// <param name="ResampledFrameCount">How many predictions were resampled to the ground truth's size.</param>
public sealed record SequenceEvaluation(
    string Sequence,
    FrameProtocol Protocol,
    IReadOnlyList<FrameEvaluation> Frames,
    MetricStatistics J,
    MetricStatistics F,
    int CountedFrameCount,
    int ResampledFrameCount)
{
    /// <summary>(J mean + F mean) / 2.</summary>
    public double JAndFMean => (J.Mean + F.Mean) / 2;
}
