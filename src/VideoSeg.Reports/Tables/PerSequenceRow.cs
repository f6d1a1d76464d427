namespace VideoSeg.Reports.Tables;

/// <summary>One configuration's scores on one sequence, as <c>per-sequence.csv</c> and the study page list them. Fractions in [0, 1].</summary>
/// <param name="Configuration">The evaluated output (a configuration, or one iteration of an iterative one).</param>
/// <param name="Sequence">The sequence.</param>
/// <param name="CountedFrames">The frames the protocol counts.</param>
/// <param name="JMean">Mean region similarity J.</param>
/// <param name="JRecall">The fraction of counted frames with J above 0.5.</param>
/// <param name="JDecay">J's decay: the first quarter's mean minus the last quarter's.</param>
/// <param name="FMean">Mean boundary accuracy F.</param>
/// <param name="FRecall">The fraction of counted frames with F above 0.5.</param>
/// <param name="FDecay">F's decay.</param>
public sealed record PerSequenceRow(
    string Configuration,
    string Sequence,
    int CountedFrames,
    double JMean,
    double JRecall,
    double JDecay,
    double FMean,
    double FRecall,
    double FDecay);
