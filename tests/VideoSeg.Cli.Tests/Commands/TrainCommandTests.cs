using System;
using System.IO;
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

        ChildProcessResult second = CliRunner.Run(arguments);

        Assert.True(second.ExitCode == 0, second.Stdout + second.Stderr);
        Assert.Contains("up to date", second.Stdout, StringComparison.Ordinal);
    }
}
