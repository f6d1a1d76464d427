using System;
using System.Linq;
using VideoSeg.Reports.Gate;
using VideoSeg.Reports.Tables;
using Xunit;

namespace VideoSeg.Reports.Tests.Gate;

public sealed class BaselineGateTests
{
    private static readonly Table1Row[] s_baseline =
    [
        SampleRows.Row("base", "DAVIS 2016", 0.795),
        SampleRows.Row("iterative-1", "DAVIS 2016", 0.801),
        SampleRows.Row("base", "synthetic", 0.6),
    ];

    [Fact]
    public void A_run_within_tolerance_passes()
    {
        Table1Row[] run =
        [
            s_baseline[0] with { MeanJ = 0.795 + 0.0049, MeanF = 0.7 - 0.0049 },
            s_baseline[1],
            s_baseline[2] with { MeanJ = 0.6 - 0.005 },
        ];

        BaselineComparison comparison = BaselineGate.Compare(s_baseline, run, BaselineTolerance.Default);

        Assert.True(comparison.Passed, comparison.ToReadableDiff());
        Assert.Empty(comparison.Differences);
        Assert.Equal(12, comparison.Checks.Count);
        Assert.EndsWith("PASSED: all 12 checks within tolerance.\n", comparison.ToReadableDiff(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_beyond_tolerance_fails_with_a_diff_naming_the_row()
    {
        Table1Row[] run = [s_baseline[0], s_baseline[1] with { MeanJ = 0.801 - 0.012 }, s_baseline[2]];

        BaselineComparison comparison = BaselineGate.Compare(s_baseline, run, BaselineTolerance.Default);

        Assert.False(comparison.Passed);
        BaselineCheck difference = Assert.Single(comparison.Differences);
        Assert.Equal(("iterative-1", "DAVIS 2016", "MeanJ", BaselineCheckStatus.OutOfTolerance), (difference.Configuration, difference.Dataset, difference.Metric, difference.Status));
        Assert.Equal(-0.012, difference.Delta!.Value, 9);

        string diff = comparison.ToReadableDiff();
        string line = Assert.Single(diff.Split('\n'), l => l.Contains("FAIL:", StringComparison.Ordinal));
        Assert.StartsWith("iterative-1", line, StringComparison.Ordinal);
        Assert.Contains("DAVIS 2016", line, StringComparison.Ordinal);
        Assert.Contains("80.10", line, StringComparison.Ordinal);
        Assert.Contains("78.90", line, StringComparison.Ordinal);
        Assert.Contains("-1.20", line, StringComparison.Ordinal);
        Assert.Contains("0.50", line, StringComparison.Ordinal);
        Assert.EndsWith("FAILED: 1 of 12 checks differ from the baseline.\n", diff, StringComparison.Ordinal);
    }

    [Fact]
    public void The_diff_is_an_aligned_table()
    {
        Table1Row[] run = [s_baseline[0] with { MeanF = 0.5 }, s_baseline[1]];
        string[] lines = BaselineGate.Compare(s_baseline, run).ToReadableDiff().Split('\n');
        string header = lines[0];
        foreach (string column in new[] { "Dataset", "Metric", "Status" })
        {
            int start = header.IndexOf(column, StringComparison.Ordinal);
            Assert.True(start > 0);
            foreach (string row in lines.Skip(2).Where(l => l.Length > 0 && !l.StartsWith("FAILED", StringComparison.Ordinal)))
            {
                Assert.True(row.Length > start && row[start - 1] == ' ' && row[start] != ' ', $"column '{column}' misaligned in '{row}'");
            }
        }

        int expectedEnd = header.IndexOf("Expected", StringComparison.Ordinal) + "Expected".Length;
        string meanF = lines.First(l => l.Contains("MeanF", StringComparison.Ordinal));
        Assert.Equal("70.00", meanF.Substring(expectedEnd - 5, 5));
    }

    [Fact]
    public void A_row_missing_from_the_run_fails()
    {
        BaselineComparison comparison = BaselineGate.Compare(s_baseline, [s_baseline[0], s_baseline[1]]);
        Assert.False(comparison.Passed);
        BaselineCheck missing = Assert.Single(comparison.Differences);
        Assert.Equal(BaselineCheckStatus.MissingInRun, missing.Status);
        Assert.Equal(("base", "synthetic"), (missing.Configuration, missing.Dataset));
        Assert.Contains("FAIL: MissingInRun", comparison.ToReadableDiff(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_only_the_run_has_fails()
    {
        BaselineComparison comparison = BaselineGate.Compare(s_baseline, [.. s_baseline, SampleRows.Row("new", "DAVIS 2016", 0.9)]);
        BaselineCheck extra = Assert.Single(comparison.Differences);
        Assert.Equal(BaselineCheckStatus.UnexpectedInRun, extra.Status);
        Assert.Equal("new", extra.Configuration);
    }

    [Fact]
    public void Different_frame_counts_or_a_non_finite_score_fail()
    {
        Table1Row[] run = [s_baseline[0] with { Frames = 39 }, s_baseline[1] with { MeanJ = double.NaN }, s_baseline[2]];
        BaselineComparison comparison = BaselineGate.Compare(s_baseline, run);
        Assert.Equal(
            [BaselineCheckStatus.CountMismatch, BaselineCheckStatus.OutOfTolerance],
            comparison.Differences.Select(d => d.Status).ToArray());
    }

    [Fact]
    public void Duplicated_rows_fail()
    {
        BaselineComparison comparison = BaselineGate.Compare(s_baseline, [.. s_baseline, s_baseline[0]]);
        BaselineCheck duplicate = Assert.Single(comparison.Differences);
        Assert.Equal(BaselineCheckStatus.Duplicate, duplicate.Status);
        Assert.Contains("duplicate in run", duplicate.Metric, StringComparison.Ordinal);
    }

    [Fact]
    public void A_looser_tolerance_accepts_a_larger_drift()
    {
        Table1Row[] run = [s_baseline[0] with { MeanJ = 0.785 }, s_baseline[1], s_baseline[2]];
        Assert.False(BaselineGate.Compare(s_baseline, run).Passed);
        Assert.True(BaselineGate.Compare(s_baseline, run, new BaselineTolerance(MeanJ: 0.02)).Passed);
    }
}
