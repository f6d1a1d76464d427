using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using VideoSeg.Core.IO;
using VideoSeg.Core.Pipeline;
using VideoSeg.TestUtilities;
using Xunit;

namespace VideoSeg.Cli.Tests.Commands;

public sealed class TrainCommandTests : IClassFixture<TinySuite>
{
    private readonly TinySuite _suite;

    public TrainCommandTests(TinySuite suite) => _suite = suite;

    [Fact]
    public void TrainsWritesBothCheckpointFormatsAndDoesNotTrainAFinishedRunAgain()
    {
        using var temp = new TempDirectory();
        string output = temp.Combine("train");
        string[] arguments =
        [
            "train", "--dataset", _suite.Dataset, "--flows", new DatasetLayout(_suite.Dataset).GroundTruthFlowsRoot, "--out", output,
            "--iterations", "4", "--warmup", "2", "--batch", "2", "--checkpoint-period", "2",
        ];

        ChildProcessResult first = CliRunner.Run(arguments);

        Assert.True(first.ExitCode == 0, first.Stdout + first.Stderr);
        Assert.True(File.Exists(Path.Combine(output, "checkpoint_0000004.vsckpt")));
        Assert.True(File.Exists(Path.Combine(output, "checkpoint_0000004.pth")));
        Assert.Equal(5, File.ReadAllLines(Path.Combine(output, "loss.csv")).Length);
        using (JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "training.json"))))
        {
            Assert.Equal(4, summary.RootElement.GetProperty("Iterations").GetInt32());
            Assert.True(summary.RootElement.GetProperty("IterationsPerSecond").GetDouble() > 0);
        }

        Assert.False(Directory.Exists(output + ".training"));
        Assert.True(File.Exists(output + ".stamp.json"));

        ChildProcessResult second = CliRunner.Run(arguments);

        Assert.True(second.ExitCode == 0, second.Stdout + second.Stderr);
        Assert.Contains("up to date", second.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void AKilledRunResumesFromItsLastCheckpoint()
    {
        using var temp = new TempDirectory();
        string output = temp.Combine("train");
        string[] arguments =
        [
            "train", "--dataset", _suite.Dataset, "--flows", new DatasetLayout(_suite.Dataset).GroundTruthFlowsRoot, "--out", output,
            "--iterations", "400", "--warmup", "2", "--batch", "1", "--checkpoint-period", "2",
        ];
        using (RunningCli cli = RunningCli.Start(arguments))
        {
            cli.WaitForFile(Path.Combine(output + ".training", "checkpoint_0000002.vsckpt"));

            Assert.False(cli.HasExited, "training finished before it could be interrupted");
            cli.Kill();
        }

        Assert.False(Directory.Exists(output));
        string[] resumed = [.. arguments.Select(a => a == "400" ? "4" : a)];

        ChildProcessResult second = CliRunner.Run(resumed);

        Assert.True(second.ExitCode == 0, second.Stdout + second.Stderr);
        Assert.Matches(@"resumed from iteration [1-9]", second.Stdout);
        Assert.True(File.Exists(Path.Combine(output, "checkpoint_0000004.pth")));
        Assert.Equal(5, File.ReadAllLines(Path.Combine(output, "loss.csv")).Length);
    }

    [Fact]
    public void CheckpointsOfOtherDataOrOptionsAreDiscarded()
    {
        using var temp = new TempDirectory();
        string output = temp.Combine("train");
        Directory.CreateDirectory(output + ".training");
        File.WriteAllText(Path.Combine(output + ".training", "resume-key.txt"), "stale\n");
        File.WriteAllText(Path.Combine(output + ".training", "checkpoint_0000002.vsckpt"), "not a checkpoint");

        ChildProcessResult result = CliRunner.Run(
            "train", "--dataset", _suite.Dataset, "--flows", new DatasetLayout(_suite.Dataset).GroundTruthFlowsRoot, "--out", output,
            "--iterations", "2", "--warmup", "1", "--batch", "1");

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Contains("training from scratch", result.Stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(output, "checkpoint_0000002.pth")));
    }
}
