using System;
using System.Linq;
using VideoSeg.Reports.FineTuning;
using VideoSeg.Reports.Gate;
using Xunit;

namespace VideoSeg.Reports.Tests.Gate;

public sealed class Table2BaselineGateTests
{
    private static readonly Table2Row s_bmx = new(
        "SegTrackV2", "paper-code", "Paper code", "bmx", 36, 0.642, "oracle-best", 40, 0.742, 40, 0.742, 10, "mask-change", 0.66, 100, 0.3, 0.64, 0.65, 64.2, 74.2);

    private static readonly Table2Row[] s_baseline =
    [
        s_bmx,
        s_bmx with { Sequence = "All", ReportIteration = null, OracleBestIteration = null, StoppingIteration = null, StoppingReason = string.Empty, FinalIteration = null },
    ];

    [Fact]
    public void TheSameTablePassesWithEveryJAndIterationChecked()
    {
        BaselineComparison comparison = BaselineGate.Compare(s_baseline, s_baseline);

        Assert.True(comparison.Passed, comparison.ToReadableDiff());
        Assert.Equal(2 * 12, comparison.Checks.Count);
        Assert.Contains(comparison.Checks, c => c.Configuration == "paper-code/All" && c.Metric == "StoppingIteration" && c.Expected is null);
    }

    [Fact]
    public void AJBeyondTheToleranceFailsNamingTheConfigurationAndSequence()
    {
        Table2Row[] run = [s_bmx with { StoppingJ = 0.66 + 0.0051, FinalJ = 0.3 - 0.005 }, s_baseline[1]];

        BaselineComparison comparison = BaselineGate.Compare(s_baseline, run);

        BaselineCheck difference = Assert.Single(comparison.Differences);
        Assert.Equal(("paper-code/bmx", "SegTrackV2", "StoppingJ", BaselineCheckStatus.OutOfTolerance), (difference.Configuration, difference.Dataset, difference.Metric, difference.Status));
        string line = Assert.Single(comparison.ToReadableDiff().Split('\n'), l => l.Contains("FAIL:", StringComparison.Ordinal));
        Assert.Contains("StoppingJ ×100", line, StringComparison.Ordinal);
        Assert.Contains("66.00", line, StringComparison.Ordinal);
        Assert.Contains("66.51", line, StringComparison.Ordinal);
    }

    [Fact]
    public void ADifferentChosenIterationFailsExactly()
    {
        Table2Row[] run = [s_bmx with { OracleBestIteration = 41 }, s_baseline[1] with { StoppingIteration = 3 }];

        BaselineComparison comparison = BaselineGate.Compare(s_baseline, run);

        Assert.Equal(
            [("paper-code/bmx", "OracleBestIteration"), ("paper-code/All", "StoppingIteration")],
            comparison.Differences.Select(d => (d.Configuration, d.Metric)).ToArray());
        Assert.All(comparison.Differences, d => Assert.Equal(BaselineCheckStatus.CountMismatch, d.Status));
        Assert.Contains("absent", BaselineGate.Compare(s_baseline, [s_bmx]).ToReadableDiff(), StringComparison.Ordinal);
    }

    [Fact]
    public void ASequenceOnlyTheRunHasFails()
    {
        BaselineComparison comparison = BaselineGate.Compare(s_baseline, [.. s_baseline, s_bmx with { Sequence = "soldier" }]);

        BaselineCheck extra = Assert.Single(comparison.Differences);
        Assert.Equal((BaselineCheckStatus.UnexpectedInRun, "paper-code/soldier"), (extra.Status, extra.Configuration));
    }
}
