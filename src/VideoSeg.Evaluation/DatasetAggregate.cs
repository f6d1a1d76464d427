namespace VideoSeg.Evaluation;

/// <summary>Dataset-level J and F under one aggregation.</summary>
/// <param name="Aggregation">How the scores were averaged.</param>
/// <param name="Protocol">Which frames of each sequence were counted.</param>
/// <param name="SequenceCount">Sequences that contributed (those with at least one counted frame).</param>
/// <param name="FrameCount">Counted frames over those sequences.</param>
/// <param name="JMean">Mean J.</param>
/// <param name="JRecall">Fraction above 0.5: the mean of per-sequence recalls, or over frames.</param>
/// <param name="JDecay">Mean per-sequence J decay; null when averaging over frames, where decay has no meaning.</param>
/// <param name="FMean">Mean F.</param>
/// <param name="FRecall">As <paramref name="JRecall"/>, for F.</param>
/// <param name="FDecay">As <paramref name="JDecay"/>, for F.</param>
public sealed record DatasetAggregate(
    DatasetAggregation Aggregation,
    FrameProtocol Protocol,
    int SequenceCount,
    int FrameCount,
    double JMean,
    double JRecall,
    double? JDecay,
    double FMean,
    double FRecall,
    double? FDecay)
{
    /// <summary>(J mean + F mean) / 2, the DAVIS headline number.</summary>
    public double JAndFMean => (JMean + FMean) / 2;
}
