using System.IO;
using System.Linq;
using VideoSeg.Core.Experiments;
using VideoSeg.Core.FineTuning;
using VideoSeg.Reports.FineTuning;
using VideoSeg.TestUtilities;
using Xunit;

namespace VideoSeg.Reports.Tests.FineTuning;

public sealed class FineTuningFiguresTests
{
    [Fact]
    public void Figure8DrawsOneLinePerDistinctTrainingAndListsEveryConfigurationInItsCsv()
    {
        using var temp = new TempDirectory();
        FineTuningConfiguration[] configurations =
        [
            new("paper-code", ConsistencyLossForm.PaperCode, null, 0, false, FineTuningReportRule.OracleBest, "Paper"),
            new("paper-code-stopping", ConsistencyLossForm.PaperCode, null, 0, false, FineTuningReportRule.StoppingRule, "Stopping"),
            new("corrected", ConsistencyLossForm.Corrected, null, 0, false, FineTuningReportRule.OracleBest, "Corrected"),
        ];
        FineTuningRunRecord paper = Run("paper-code", [0.6, 0.7, 0.4]);

        FineTuningFigures.WriteFigure8(temp.Path, [paper, paper with { Configuration = "paper-code-stopping" }, Run("corrected", [0.6, 0.65, 0.66])], configurations, "synthetic suite");

        Assert.Equal((800, 640), PngHeader.ReadSize(File.ReadAllBytes(temp.Combine("figure8.png"))));
        string svg = File.ReadAllText(temp.Combine("figure8.svg"));
        Assert.Contains("paper-code = paper-code-stopping", svg, System.StringComparison.Ordinal);
        string[] csv = File.ReadAllLines(temp.Combine("figure8.csv"));
        Assert.Equal("dataset,sequence,configuration,iteration,oracle_j,corner_rule_j,drift,mask_change,foreground_fraction", csv[0]);
        Assert.Equal(1 + (3 * 3), csv.Length);
        Assert.Contains("synthetic suite,bmx,corrected,2,0.660000,0.560000,0.020000,0.040000,0.100000", csv);
    }

    [Fact]
    public void SpreadKeepsBothEndsAndAtMostTheCount()
    {
        Assert.Equal([0, 1, 2], FineTuningFigures.Spread(3, 5));
        Assert.Equal([0, 3, 5, 8, 10], FineTuningFigures.Spread(11, 5));
    }

    private static FineTuningRunRecord Run(string configuration, double[] oracle) => new(
        configuration,
        "bmx",
        "long",
        oracle.Length - 1,
        1,
        10,
        Enumerable.Range(0, oracle.Length - 1).Select(i => new FineTuningStepRow(i, 1, 1, 0)).ToArray(),
        oracle.Select((j, i) => new FineTuningEvaluationRow(i, j, j - 0.1, new GroundTruthFreeSignals(i, i == 0 ? double.NaN : 1, 0.1, 0.01 * i, 0.02 * i))).ToArray(),
        new StoppingDecision(0, "mask-change"),
        1,
        oracle.Length - 1);
}
