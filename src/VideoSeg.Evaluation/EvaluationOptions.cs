using System;

namespace VideoSeg.Evaluation;

/// <summary>How a sequence is scored.</summary>
public sealed record EvaluationOptions
{
    /// <summary>Which frames count towards the statistics. Default: all.</summary>
    public FrameProtocol Protocol { get; init; } = FrameProtocol.All;

    /// <summary>The F tolerance as a fraction of the diagonal (or a whole radius in pixels from 1). Default 0.008.</summary>
    public double BoundThreshold { get; init; } = BoundaryMeasure.DefaultBoundThreshold;

    /// <summary>
    /// Whether a prediction of another size is resampled to the ground truth's (bilinear, align_corners
    /// false, then &gt; 0.5, as GWM does). When false a size mismatch is an error. Default false.
    /// </summary>
    public bool AllowResampling { get; init; }

    /// <summary>The most frames scored at once; null lets the thread pool decide.</summary>
    public int? MaxDegreeOfParallelism { get; init; }

    /// <summary>The defaults: all frames, threshold 0.008, no resampling.</summary>
    public static EvaluationOptions Default { get; } = new();

    internal int ParallelismOrDefault => MaxDegreeOfParallelism is int value ? Math.Max(1, value) : -1;
}
