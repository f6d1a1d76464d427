using System.Collections.Generic;
using System.Linq;
using VideoSeg.Core;
using VideoSeg.Core.Experiments;
using VideoSeg.Core.FineTuning;
using VideoSeg.Reports.FineTuning;
using Xunit;

namespace VideoSeg.Reports.Tests.FineTuning;

public sealed class Table2BuilderTests
{
    private static readonly FineTuningConfiguration s_oracle = new("paper-code", ConsistencyLossForm.PaperCode, null, 0, false, FineTuningReportRule.OracleBest, "Paper code");
    private static readonly FineTuningConfiguration s_stopping = new("stopping", ConsistencyLossForm.PaperCode, null, 0, false, FineTuningReportRule.StoppingRule, "Stopping rule");

    [Fact]
    public void EachSequenceShowsItsBaselineAndEveryRuleAndAllWeighsSequencesByFrames()
    {
        // bmx: 0.6 → best 0.8 at 2, stops at 1 (0.7), ends at 3 (0.5); soldier: 0.4 → best 0.5 at 1 = stopping, ends 0.45.
        FineTuningRunRecord bmx = Run("paper-code", "bmx", 10, [0.6, 0.7, 0.8, 0.5], stopAt: 1);
        FineTuningRunRecord soldier = Run("paper-code", "soldier", 30, [0.4, 0.5, 0.42, 0.45], stopAt: 1);

        IReadOnlyList<Table2Row> rows = Table2Builder.Build([bmx, soldier], [s_oracle], "synthetic", "synthetic suite");

        Assert.Equal(["bmx", "soldier", "All"], rows.Select(r => r.Sequence));
        Table2Row first = rows[0];
        Assert.Equal((0.6, "oracle-best", (int?)2, 0.8), (first.BaselineJ, first.Report, first.ReportIteration, first.ReportJ));
        Assert.Equal(((int?)1, "plateau", 0.7, (int?)3, 0.5), (first.StoppingIteration, first.StoppingReason, first.StoppingJ, first.FinalIteration, first.FinalJ));
        Table2Row all = rows[2];
        Assert.Equal(40, all.Frames);
        Assert.Null(all.ReportIteration);
        Assert.Equal(((0.6 * 10) + (0.4 * 30)) / 40, all.BaselineJ, 12);
        Assert.Equal(((0.8 * 10) + (0.5 * 30)) / 40, all.OracleBestJ, 12);
        Assert.Equal(((0.7 * 10) + (0.5 * 30)) / 40, all.StoppingJ, 12);
        Assert.Equal(((0.5 * 10) + (0.45 * 30)) / 40, all.FinalJ, 12);
        Assert.All(rows, r => Assert.Null(r.PaperJ));
    }

    [Fact]
    public void TheHeadlineFollowsTheConfigurationsRule()
    {
        FineTuningRunRecord bmx = Run("stopping", "bmx", 10, [0.6, 0.7, 0.8, 0.5], stopAt: 1);

        Table2Row row = Table2Builder.Build([bmx], [s_stopping], "synthetic", "synthetic suite")[0];

        Assert.Equal(("stopping-rule", (int?)1, 0.7), (row.Report, row.ReportIteration, row.ReportJ));
    }

    [Fact]
    public void ThePapersNumbersFillTheirOwnColumnsOnSegTrackV2Only()
    {
        FineTuningRunRecord bmx = Run("paper-code", "bmx", 10, [0.6, 0.7], stopAt: 1);

        IReadOnlyList<Table2Row> rows = Table2Builder.Build([bmx], [s_oracle], "segtrackv2", "SegTrackV2");

        Assert.Equal((64.2, 74.2), (rows[0].PaperBaselineJ!.Value, rows[0].PaperJ!.Value));
        Assert.Equal((63.6, 63.8), (rows[1].PaperBaselineJ!.Value, rows[1].PaperJ!.Value));
    }

    [Fact]
    public void AConfigurationWithoutRecordsIsOneErrorNamingIt()
    {
        var error = Assert.Throws<VideoSegException>(() => Table2Builder.Build([], [s_oracle], "synthetic", "synthetic suite"));

        Assert.Contains("'paper-code'", error.Message, System.StringComparison.Ordinal);
    }

    private static FineTuningRunRecord Run(string configuration, string sequence, int frames, double[] oracle, int stopAt)
    {
        FineTuningEvaluationRow[] evaluations = oracle
            .Select((j, i) => new FineTuningEvaluationRow(i, j, j - 0.1, new GroundTruthFreeSignals(i, i == 0 ? double.NaN : 1.0 / i, 0.1, 0.01 * i, 0.02 * i)))
            .ToArray();
        FineTuningStepRow[] steps = Enumerable.Range(0, oracle.Length - 1).Select(i => new FineTuningStepRow(i, 1.0, 1.0, 0)).ToArray();
        return new FineTuningRunRecord(configuration, sequence, "per-sequence", oracle.Length - 1, 1, frames, steps, evaluations, new StoppingDecision(stopAt, "plateau"), 1.0, steps.Length);
    }
}
