namespace VideoSeg.Reports.Gate;

/// <summary>One comparison of a run's value with the baseline's.</summary>
/// <param name="Configuration">The row's configuration.</param>
/// <param name="Dataset">The row's dataset.</param>
/// <param name="Metric">The compared column (Table 1: "MeanJ", "MeanF", "Sequences", "Frames"; Table 2: its J and iteration columns), or "row" for a missing, extra or duplicated row.</param>
/// <param name="Expected">The baseline's value, or null when the baseline lacks the row.</param>
/// <param name="Actual">The run's value, or null when the run lacks the row.</param>
/// <param name="Tolerance">The allowed absolute difference (0 for counts and rows).</param>
/// <param name="Status">The outcome.</param>
/// <param name="IsScore">True for J or F (a fraction, shown ×100), false for counts, iterations and rows.</param>
public sealed record BaselineCheck(
    string Configuration,
    string Dataset,
    string Metric,
    double? Expected,
    double? Actual,
    double Tolerance,
    BaselineCheckStatus Status,
    bool IsScore = false)
{
    /// <summary>Actual minus expected, when both exist.</summary>
    public double? Delta => Expected is double e && Actual is double a ? a - e : null;

    /// <summary>True when the check passed.</summary>
    public bool Passed => Status == BaselineCheckStatus.Ok;
}
