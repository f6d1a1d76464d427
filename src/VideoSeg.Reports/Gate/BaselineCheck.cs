namespace VideoSeg.Reports.Gate;

/// <summary>One comparison of a run's value with the baseline's.</summary>
/// <param name="Configuration">The row's configuration.</param>
/// <param name="Dataset">The row's dataset.</param>
/// <param name="Metric">"MeanJ", "MeanF", "Sequences", "Frames", or "row" for a missing, extra or duplicated row.</param>
/// <param name="Expected">The baseline's value, or null when the baseline lacks the row.</param>
/// <param name="Actual">The run's value, or null when the run lacks the row.</param>
/// <param name="Tolerance">The allowed absolute difference (0 for counts and rows).</param>
/// <param name="Status">The outcome.</param>
public sealed record BaselineCheck(
    string Configuration,
    string Dataset,
    string Metric,
    double? Expected,
    double? Actual,
    double Tolerance,
    BaselineCheckStatus Status)
{
    /// <summary>Actual minus expected, when both exist.</summary>
    public double? Delta => Expected is double e && Actual is double a ? a - e : null;

    /// <summary>True when the check passed.</summary>
    public bool Passed => Status == BaselineCheckStatus.Ok;
}
