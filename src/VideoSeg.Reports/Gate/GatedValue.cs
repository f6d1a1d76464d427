namespace VideoSeg.Reports.Gate;

/// <summary>One value of a table row that the regression gate compares.</summary>
/// <param name="Metric">The column's name.</param>
/// <param name="Value">The value; null where the row has none (an iteration of Table 2's "All" row).</param>
/// <param name="Tolerance">The allowed absolute difference: 0 for counts and iterations, which must match exactly.</param>
/// <param name="IsScore">True for J or F (a fraction shown ×100), false for a count or an iteration.</param>
internal readonly record struct GatedValue(string Metric, double? Value, double Tolerance, bool IsScore);
