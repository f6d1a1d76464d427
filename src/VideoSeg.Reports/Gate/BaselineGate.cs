using System;
using System.Collections.Generic;
using System.Linq;
using VideoSeg.Reports.FineTuning;
using VideoSeg.Reports.Tables;

namespace VideoSeg.Reports.Gate;

/// <summary>
/// The regression gate: compares a run's Table 1 or Table 2 rows with the committed baseline. Rows are matched by
/// key (Table 1: configuration and dataset; Table 2: configuration, sequence and dataset); J and F must agree within
/// the tolerance, counts and iterations exactly, and a row missing from either side fails.
/// </summary>
public static class BaselineGate
{
    // A difference of exactly the tolerance passes even when binary rounding makes it a hair larger.
    private const double BoundarySlack = 1e-12;

    /// <summary>Compares a run's Table 1 <paramref name="run"/> with <paramref name="baseline"/>: MeanJ, MeanF, sequences and frames.</summary>
    public static BaselineComparison Compare(
        IReadOnlyList<Table1Row> baseline,
        IReadOnlyList<Table1Row> run,
        BaselineTolerance? tolerance = null)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(run);
        BaselineTolerance limits = Validate(tolerance);
        GatedRow Gated(Table1Row row) => new(
            row.Configuration,
            row.Dataset,
            [
                new("MeanJ", row.MeanJ, limits.MeanJ, IsScore: true),
                new("MeanF", row.MeanF, limits.MeanF, IsScore: true),
                new("Sequences", row.Sequences, 0, IsScore: false),
                new("Frames", row.Frames, 0, IsScore: false),
            ]);
        return Compare(baseline.Select(Gated).ToList(), run.Select(Gated).ToList());
    }

    /// <summary>
    /// Compares a run's Table 2 <paramref name="run"/> with <paramref name="baseline"/>: every J column within
    /// <see cref="BaselineTolerance.MeanJ"/> (the baseline's, at the headline, oracle-best, stopping-rule and final
    /// iterations, and the corner-rule columns), frames and every chosen iteration exactly.
    /// </summary>
    public static BaselineComparison Compare(
        IReadOnlyList<Table2Row> baseline,
        IReadOnlyList<Table2Row> run,
        BaselineTolerance? tolerance = null)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(run);
        double j = Validate(tolerance).MeanJ;
        GatedRow Gated(Table2Row row) => new(
            row.Configuration + "/" + row.Sequence,
            row.Dataset,
            [
                new("BaselineJ", row.BaselineJ, j, IsScore: true),
                new("ReportJ", row.ReportJ, j, IsScore: true),
                new("OracleBestJ", row.OracleBestJ, j, IsScore: true),
                new("StoppingJ", row.StoppingJ, j, IsScore: true),
                new("FinalJ", row.FinalJ, j, IsScore: true),
                new("BaselineCornerJ", row.BaselineCornerJ, j, IsScore: true),
                new("StoppingCornerJ", row.StoppingCornerJ, j, IsScore: true),
                new("Frames", row.Frames, 0, IsScore: false),
                new("ReportIteration", row.ReportIteration, 0, IsScore: false),
                new("OracleBestIteration", row.OracleBestIteration, 0, IsScore: false),
                new("StoppingIteration", row.StoppingIteration, 0, IsScore: false),
                new("FinalIteration", row.FinalIteration, 0, IsScore: false),
            ]);
        return Compare(baseline.Select(Gated).ToList(), run.Select(Gated).ToList());
    }

    private static BaselineTolerance Validate(BaselineTolerance? tolerance)
    {
        tolerance ??= BaselineTolerance.Default;
        ArgumentOutOfRangeException.ThrowIfNegative(tolerance.MeanJ);
        ArgumentOutOfRangeException.ThrowIfNegative(tolerance.MeanF);
        return tolerance;
    }

    private static BaselineComparison Compare(IReadOnlyList<GatedRow> baseline, IReadOnlyList<GatedRow> run)
    {
        var checks = new List<BaselineCheck>();
        Dictionary<(string, string), GatedRow> runByKey = Index(run, "run", checks);
        Dictionary<(string, string), GatedRow> baselineByKey = Index(baseline, "baseline", checks);
        foreach (GatedRow expected in baseline.DistinctBy(Key))
        {
            if (!runByKey.TryGetValue(Key(expected), out GatedRow? actual))
            {
                checks.Add(new BaselineCheck(expected.Configuration, expected.Dataset, "row", 1, null, 0, BaselineCheckStatus.MissingInRun));
                continue;
            }

            for (int i = 0; i < expected.Values.Count; i++)
            {
                checks.Add(Check(expected, expected.Values[i], actual.Values[i]));
            }
        }

        foreach (GatedRow extra in run.DistinctBy(Key).Where(r => !baselineByKey.ContainsKey(Key(r))))
        {
            checks.Add(new BaselineCheck(extra.Configuration, extra.Dataset, "row", null, 1, 0, BaselineCheckStatus.UnexpectedInRun));
        }

        // Duplicates were found while indexing; report them after the per-row checks.
        return new BaselineComparison(checks.Where(c => c.Status != BaselineCheckStatus.Duplicate)
            .Concat(checks.Where(c => c.Status == BaselineCheckStatus.Duplicate))
            .ToList());
    }

    private static (string, string) Key(GatedRow row) => (row.Configuration, row.Dataset);

    private static Dictionary<(string, string), GatedRow> Index(IReadOnlyList<GatedRow> rows, string side, List<BaselineCheck> checks)
    {
        var index = new Dictionary<(string, string), GatedRow>();
        foreach (GatedRow row in rows)
        {
            if (!index.TryAdd(Key(row), row))
            {
                checks.Add(new BaselineCheck(row.Configuration, row.Dataset, $"row (duplicate in {side})", null, null, 0, BaselineCheckStatus.Duplicate));
            }
        }

        return index;
    }

    private static BaselineCheck Check(GatedRow row, GatedValue expected, GatedValue actual)
    {
        BaselineCheckStatus status;
        if (expected.IsScore)
        {
            bool ok = expected.Value is double e && actual.Value is double a && double.IsFinite(e) && double.IsFinite(a)
                && Math.Abs(a - e) <= expected.Tolerance + BoundarySlack;
            status = ok ? BaselineCheckStatus.Ok : BaselineCheckStatus.OutOfTolerance;
        }
        else
        {
            status = expected.Value == actual.Value ? BaselineCheckStatus.Ok : BaselineCheckStatus.CountMismatch;
        }

        return new BaselineCheck(row.Configuration, row.Dataset, expected.Metric, expected.Value, actual.Value, expected.Tolerance, status, expected.IsScore);
    }
}
