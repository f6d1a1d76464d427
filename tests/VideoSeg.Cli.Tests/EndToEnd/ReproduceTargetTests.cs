using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using VideoSeg.Core.IO;
using VideoSeg.Core.Pipeline;
using VideoSeg.Reports.Tables;
using VideoSeg.TestUtilities;
using Xunit;

namespace VideoSeg.Cli.Tests.EndToEnd;

/// <summary>
/// Runs the MSBuild Reproduce target itself (eng/Reproduce.proj, as 'dotnet build -t:Reproduce' does from
/// the solution) on a tiny synthetic suite in a temporary folder, and checks what it writes, that an
/// unchanged rerun runs no stage, that a changed matrix reruns only the stages downstream of it, and that a
/// change in a library's code reruns exactly the stages whose code runs that library.
/// </summary>
public sealed class ReproduceTargetTests
{
    [Fact]
    public void ReproduceWritesTable1AndAnUnchangedRerunIsANoOp()
    {
        using var temp = new TempDirectory();
        string matrix = temp.Combine("experiments.json");
        File.Copy(Path.Combine(SharedData.RepositoryRoot, "eng", "experiments.json"), matrix);

        BuildResult first = Reproduce(temp, matrix);

        Assert.True(first.ExitCode == 0, first.Output);
        string report = temp.Combine("results", "synthetic", "report");
        var rows = Table1CsvReader.Read(Path.Combine(report, "table1.csv"));
        Assert.Equal(9, rows.Count);
        Assert.All(rows, r => Assert.InRange(r.MeanJ, 0.0, 1.0));
        Assert.All(rows, r => Assert.Equal(2, r.Sequences));
        Assert.Equal(0.0, rows.Single(r => r.Configuration == "base").DeltaJ);
        Assert.Equal("gwm/corner-rule", rows.Single(r => r.Configuration == "base").BaseMasks);
        Assert.Equal("motion", rows.Single(r => r.Configuration == "motion-baseline").BaseMasks);
        Assert.True(File.Exists(temp.Combine("results", "synthetic", "models", "gwm-small-tvl1-fast", "checkpoint_0000006.pth")));
        Assert.True(File.Exists(temp.Combine("results", "synthetic", "models", "gwm-small-tvl1-fast", "training.json")));
        Assert.Contains(rows, r => r.Configuration == "iterative@1");
        foreach (string artifact in new[] { "table1.md", "figure7.png", "figure7.svg", "comparison.md", "comparison.csv", "manifest.json", "per-sequence.csv", "table2.csv", "table2.md", "figure8.png", "figure8.svg", "figure8.csv", "index.html" })
        {
            Assert.True(File.Exists(Path.Combine(report, artifact)), artifact);
        }

        Assert.True(Directory.Exists(temp.Combine("results", "synthetic", "refined", "initial", "masks", "synth-00-rigid-affine")));
        Assert.Single(Directory.GetFiles(report, "figure9-*.png"));
        Assert.Contains($"open the study page: {Path.Combine(report, "index.html")}", first.Output, StringComparison.Ordinal);
        string[] table2 = File.ReadAllLines(Path.Combine(report, "table2.csv"));
        // Six configurations, each on one sequence and "All".
        Assert.Equal(1 + (6 * 2), table2.Length);
        Assert.Contains(table2, l => l.Contains(",future-work,", StringComparison.Ordinal) && l.Contains(",All,", StringComparison.Ordinal));

        // generate, flows, occlusions, train, train (2 masks), the motion and the gwm base masks, finetune (per-sequence
        // and long), refine, evaluate, report.
        Assert.Equal(12, Regex.Count(first.Output, @"\] done: "));
        byte[] table = File.ReadAllBytes(Path.Combine(report, "table1.csv"));

        BuildResult second = Reproduce(temp, matrix);

        Assert.True(second.ExitCode == 0, second.Output);
        Assert.Empty(Regex.Matches(second.Output, @"\] done: "));
        Assert.Equal(12, Regex.Count(second.Output, @"\] up to date: "));
        Assert.Equal(table, File.ReadAllBytes(Path.Combine(report, "table1.csv")));

        File.WriteAllText(matrix, File.ReadAllText(matrix).Replace("\"alpha\": 0.5", "\"alpha\": 0.6", StringComparison.Ordinal));

        BuildResult third = Reproduce(temp, matrix);

        Assert.True(third.ExitCode == 0, third.Output);
        Assert.Equal(["refine", "evaluate", "report"], Reran(third));

        // A line of report code changed (simulated in the fingerprint, exactly as a rebuild would change the
        // assembly's module version id): only the report reruns, and its numbers do not move.
        BuildResult reportEdit = Reproduce(temp, matrix, "VideoSeg.Reports=edit1");

        Assert.True(reportEdit.ExitCode == 0, reportEdit.Output);
        Assert.Equal(["report"], Reran(reportEdit));
        byte[] afterMatrixEdit = File.ReadAllBytes(Path.Combine(report, "table1.csv"));

        // The scorers changed: evaluate reruns, and so does the report, whose code runs the evaluation library's
        // aggregation; the scores are the same bytes, so nothing else does.
        BuildResult evaluationEdit = Reproduce(temp, matrix, "VideoSeg.Reports=edit1;VideoSeg.Evaluation=edit1");

        Assert.True(evaluationEdit.ExitCode == 0, evaluationEdit.Output);
        Assert.Equal(["evaluate", "report"], Reran(evaluationEdit));
        Assert.Equal(afterMatrixEdit, File.ReadAllBytes(Path.Combine(report, "table1.csv")));
    }

    [Fact]
    public void AFailingStageIsAnMSBuildErrorWithItsCode()
    {
        using var temp = new TempDirectory();
        string matrix = temp.Combine("experiments.json");
        File.WriteAllText(matrix, "{ \"configurations\": [ { \"name\": \"base\", \"kind\": \"bogus\" } ] }");

        BuildResult result = Reproduce(temp, matrix);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Matches(@"error VSEG1002: .*bogus", result.Output);
    }

    private static string[] Reran(BuildResult build) =>
        Regex.Matches(build.Output, @"\[(\w+)\] done: ").Select(m => m.Groups[1].Value).ToArray();

    private static BuildResult Reproduce(TempDirectory temp, string matrix, string? simulatedCodeEdit = null)
    {
        ChildProcessResult result = ChildProcess.Run(
            CliRunner.DotNet,
            [
                "build", Path.Combine(SharedData.RepositoryRoot, "eng", "Reproduce.proj"), "-t:Reproduce", "-nologo", "-v:n", "-nodeReuse:false",
                $"-p:DatasetsRoot={temp.Combine("datasets")}", $"-p:ResultsRoot={temp.Combine("results")}", $"-p:Matrix={matrix}",
                "-p:SyntheticSequences=2", "-p:SyntheticMinFrames=5", "-p:SyntheticMaxFrames=6", "-p:SyntheticHeight=48", "-p:SyntheticWidth=64",
                "-p:WorkingHeight=48", "-p:WorkingWidth=64", "-p:FlowEstimator=tvl1-fast", "-p:TrainIterations=6", "-p:TrainWarmup=2", "-p:TrainBatch=2",
                "-p:FineTuneMaxSequences=1", "-p:FineTuneIterations=2", "-p:FineTuneEvalPeriod=1", "-p:FineTuneBatch=2", "-p:FineTuneLongIterations=2", "-p:FineTuneLongEvalPeriod=1",
            ],
            SharedData.RepositoryRoot,
            new Dictionary<string, string> { [CodeFingerprint.SimulatedEditVariable] = simulatedCodeEdit ?? string.Empty });
        return new BuildResult(result.ExitCode, result.Stdout + result.Stderr);
    }

    private sealed record BuildResult(int ExitCode, string Output);
}
