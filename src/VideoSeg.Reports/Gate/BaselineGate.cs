using System;
using System.Collections.Generic;
using System.Linq;
using VideoSeg.Reports.Tables;

namespace VideoSeg.Reports.Gate;

/// <summary>
/// The regression gate: compares a run's Table 1 rows with the committed baseline. Rows are
/// matched by configuration and dataset; MeanJ and MeanF must agree within the tolerance,
/// sequence and frame counts exactly, and a row missing from either side fails.
/// </summary>
public static class BaselineGate
{
    // A difference of exactly the tolerance passes even when binary rounding makes it a hair larger.
    private const double BoundarySlack = 1e-12;

    /// <summary>Compares <paramref name="run"/> with <paramref name="baseline"/>.</summary>
    public static BaselineComparison Compare(
        IReadOnlyList<Table1Row> baseline,
        IReadOnlyList<Table1Row> run,
        BaselineTolerance? tolerance = null)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(run);
        tolerance ??= BaselineTolerance.Default;
        ArgumentOutOfRangeException.ThrowIfNegative(tolerance.MeanJ);
        ArgumentOutOfRangeException.ThrowIfNegative(tolerance.MeanF);

        var checks = new List<BaselineCheck>();
        Dictionary<(string, string), Table1Row> runByKey = Index(run, "run", checks);
        Dictionary<(string, string), Table1Row> baselineByKey = Index(baseline, "baseline", checks);
        foreach (Table1Row expected in baseline.DistinctBy(Key))
        {
            if (!runByKey.TryGetValue(Key(expected), out Table1Row? actual))
            {
                checks.Add(new BaselineCheck(expected.Configuration, expected.Dataset, "row", 1, null, 0, BaselineCheckStatus.MissingInRun));
                continue;
            }

            checks.Add(Score(expected, actual, "MeanJ", expected.MeanJ, actual.MeanJ, tolerance.MeanJ));
            checks.Add(Score(expected, actual, "MeanF", expected.MeanF, actual.MeanF, tolerance.MeanF));
            checks.Add(Count(expected, "Sequences", expected.Sequences, actual.Sequences));
            checks.Add(Count(expected, "Frames", expected.Frames, actual.Frames));
        }

        foreach (Table1Row extra in run.DistinctBy(Key).Where(r => !baselineByKey.ContainsKey(Key(r))))
        {
            checks.Add(new BaselineCheck(extra.Configuration, extra.Dataset, "row", null, 1, 0, BaselineCheckStatus.UnexpectedInRun));
        }

        // Duplicates were found while indexing; report them after the per-row checks.
        return new BaselineComparison(checks.Where(c => c.Status != BaselineCheckStatus.Duplicate)
            .Concat(checks.Where(c => c.Status == BaselineCheckStatus.Duplicate))
            .ToList());
    }

    private static (string, string) Key(Table1Row row) => (row.Configuration, row.Dataset);

    private static Dictionary<(string, string), Table1Row> Index(IReadOnlyList<Table1Row> rows, string side, List<BaselineCheck> checks)
    {
        var index = new Dictionary<(string, string), Table1Row>();
        foreach (Table1Row row in rows)
        {
            if (!index.TryAdd(Key(row), row))
            {
                checks.Add(new BaselineCheck(row.Configuration, row.Dataset, $"row (duplicate in {side})", null, null, 0, BaselineCheckStatus.Duplicate));
            }
        }

        return index;
    }

    private static BaselineCheck Score(Table1Row expected, Table1Row actual, string metric, double expectedValue, double actualValue, double tolerance)
    {
        bool ok = double.IsFinite(expectedValue) && double.IsFinite(actualValue)
            && Math.Abs(actualValue - expectedValue) <= tolerance + BoundarySlack;
        return new BaselineCheck(
            expected.Configuration,
            expected.Dataset,
            metric,
            expectedValue,
            actualValue,
            tolerance,
            ok ? BaselineCheckStatus.Ok : BaselineCheckStatus.OutOfTolerance);
    }

    private static BaselineCheck Count(Table1Row expected, string metric, int expectedValue, int actualValue) =>
        new(
            expected.Configuration,
            expected.Dataset,
            metric,
            expectedValue,
            actualValue,
            0,
            expectedValue == actualValue ? BaselineCheckStatus.Ok : BaselineCheckStatus.CountMismatch);
}
