namespace VideoSeg.Evaluation;

/// <summary>The DAVIS per-sequence statistics of one measure (J or F).</summary>
/// <param name="Mean">The mean over the counted frames (NaN when none are counted).</param>
/// <param name="Recall">The fraction of counted frames whose value is above 0.5.</param>
/// <param name="Decay">The mean of the first quarter of the frames minus the mean of the last quarter.</param>
public sealed record MetricStatistics(double Mean, double Recall, double Decay);
