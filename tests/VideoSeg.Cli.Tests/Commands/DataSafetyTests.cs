using System;
using System.IO;
using System.Linq;
using VideoSeg.Core;
using VideoSeg.Core.IO;
using VideoSeg.Core.Pipeline;
using VideoSeg.TestUtilities;
using Xunit;

namespace VideoSeg.Cli.Tests.Commands;

/// <summary>
/// The defects of "never lose a user's data", each as the command that used to show it: every one
/// now ends in one VSEG line and a non-zero exit, before any work, with the user's files intact.
/// </summary>
public sealed class DataSafetyTests : IClassFixture<TinySuite>
{
    private readonly TinySuite _suite;

    public DataSafetyTests(TinySuite suite) => _suite = suite;

    [Fact]
    public void FlowsWithOutEqualToTheDatasetIsRefusedAndTheDatasetKeepsItsFrames()
    {
        (string dataset, _, TempDirectory owner) = _suite.CopyForDamage();
        using (owner)
        {
            string before = ContentHash.OfDirectory(dataset);

            ChildProcessResult result = CliRunner.Run("flows", "--dataset", dataset, "--out", dataset, "--estimator", "groundtruth", "--height", "48", "--width", "64");

            string error = AssertOneError(result, ErrorCodes.OutputNotOwned);
            Assert.Contains("is the input", error, StringComparison.Ordinal);
            Assert.Equal(before, ContentHash.OfDirectory(dataset));
            Assert.False(Directory.Exists(dataset + ".partial"));
        }
    }

    [Fact]
    public void AnOutFolderInsideTheDatasetIsRefused()
    {
        (string dataset, _, TempDirectory owner) = _suite.CopyForDamage();
        using (owner)
        {
            string output = Path.Combine(dataset, "results");

            ChildProcessResult result = CliRunner.Run("flows", "--dataset", dataset, "--out", output, "--estimator", "groundtruth", "--height", "48", "--width", "64");

            Assert.Contains("lies inside the input", AssertOneError(result, ErrorCodes.OutputNotOwned), StringComparison.Ordinal);
            Assert.False(Directory.Exists(output));
        }
    }

    [Fact]
    public void AnOutFolderHoldingAUsersFilesIsRefusedEvenWithForce()
    {
        using var temp = new TempDirectory();
        string output = temp.Combine("my-flows");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "notes.txt"), "mine");

        ChildProcessResult result = CliRunner.Run("flows", "--dataset", _suite.Dataset, "--out", output, "--estimator", "groundtruth", "--height", "48", "--width", "64", "--force");

        string error = AssertOneError(result, ErrorCodes.OutputNotOwned);
        Assert.StartsWith(output + ": error", error, StringComparison.Ordinal);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(output, "notes.txt")));
        Assert.Single(Directory.GetFileSystemEntries(output));
    }

    [Fact]
    public void AStageReplacesItsOwnOutputOnARerunWithForce()
    {
        using var temp = new TempDirectory();
        string output = temp.Combine("flows");
        string[] arguments = ["flows", "--dataset", _suite.Dataset, "--out", output, "--estimator", "groundtruth", "--height", "48", "--width", "64"];
        Assert.Equal(0, CliRunner.Run(arguments).ExitCode);

        ChildProcessResult again = CliRunner.Run([.. arguments, "--force"]);

        Assert.True(again.ExitCode == 0, again.Stdout + again.Stderr);
        Assert.Contains("[flows] done", again.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void AnOutThatIsARegularFileFailsBeforeAnyWorkAndLeavesNoPartialFolder()
    {
        using var temp = new TempDirectory();
        string output = temp.Combine("flows");
        File.WriteAllText(output, "a file");

        ChildProcessResult result = CliRunner.Run("flows", "--dataset", _suite.Dataset, "--out", output, "--estimator", "groundtruth", "--height", "48", "--width", "64");

        Assert.Contains("regular file", AssertOneError(result, ErrorCodes.OutputNotOwned), StringComparison.Ordinal);
        Assert.DoesNotContain("[flows] 1/", result.Stdout, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output + ".partial"));
        Assert.Equal("a file", File.ReadAllText(output));
    }

    [Theory]
    [InlineData("absolute")]
    [InlineData("../escape")]
    [InlineData("two/segments")]
    [InlineData("bell\a")]
    public void ASequenceListLineThatIsNotAPlainNameIsOneErrorNamingTheListAndLine(string kind)
    {
        (string dataset, _, TempDirectory owner) = _suite.CopyForDamage();
        using (owner)
        {
            string outside = owner.Combine("outside");
            Directory.CreateDirectory(outside);
            File.WriteAllText(Path.Combine(outside, "keep.txt"), "untouched");
            string name = kind == "absolute" ? outside : kind;
            var layout = new DatasetLayout(dataset);
            File.WriteAllText(layout.SequenceListPath, $"synth-00-rigid-affine\n{name}\n");
            string output = owner.Combine("results", "flows2");

            ChildProcessResult result = CliRunner.Run("flows", "--dataset", dataset, "--out", output, "--estimator", "groundtruth", "--height", "48", "--width", "64");

            string error = AssertOneError(result, ErrorCodes.BadName);
            Assert.StartsWith(layout.SequenceListPath + ": error", error, StringComparison.Ordinal);
            Assert.Contains("line 2", error, StringComparison.Ordinal);
            Assert.Equal(["keep.txt"], Directory.GetFileSystemEntries(outside).Select(Path.GetFileName));
            Assert.False(Directory.Exists(output));
            Assert.False(Directory.Exists(output + ".partial"));
        }
    }

    [Fact]
    public void CtrlCPrintsTheCancelledLineRemovesThePartialFolderExits130AndARerunResumes()
    {
        using var temp = new TempDirectory();
        string output = temp.Combine("train");
        string[] arguments =
        [
            "train", "--dataset", _suite.Dataset, "--flows", new DatasetLayout(_suite.Dataset).GroundTruthFlowsRoot, "--out", output,
            "--iterations", "400", "--warmup", "2", "--batch", "1", "--checkpoint-period", "2",
        ];
        int exitCode;
        string stderr;
        using (RunningCli cli = RunningCli.Start(arguments))
        {
            cli.WaitForFile(Path.Combine(output + ".training", "checkpoint_0000002.vsckpt"));

            Assert.False(cli.HasExited, "training finished before it could be interrupted");
            Assert.True(cli.Signal("INT"), "kill -INT failed");
            Assert.True(cli.WaitForExit(60_000), "the CLI did not stop within a minute of Ctrl+C");
            exitCode = cli.ExitCode;
            stderr = cli.Stderr;
        }

        Assert.Equal(130, exitCode);
        string[] errors = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => l.Contains(": error ", StringComparison.Ordinal)).ToArray();
        Assert.Equal($"videoseg: error {ErrorCodes.Cancelled}: cancelled; completed stages keep their outputs, the interrupted stage left none, and a rerun resumes", Assert.Single(errors));
        Assert.False(Directory.Exists(output + ".partial"), "the working folder was left behind");
        Assert.False(Directory.Exists(output));
        Assert.True(Directory.Exists(output + ".training"), "the resume checkpoints were lost");

        ChildProcessResult second = CliRunner.Run([.. arguments.Select(a => a == "400" ? "4" : a)]);

        Assert.True(second.ExitCode == 0, second.Stdout + second.Stderr);
        Assert.Matches(@"resumed from iteration [1-9]", second.Stdout);
    }

    [Fact]
    public void ATrainingFolderThatVideoSegDidNotMakeIsNotDiscarded()
    {
        using var temp = new TempDirectory();
        string output = temp.Combine("train");
        Directory.CreateDirectory(output + ".training");
        File.WriteAllText(Path.Combine(output + ".training", "weights-i-trained.pth"), "precious");

        ChildProcessResult result = CliRunner.Run(
            "train", "--dataset", _suite.Dataset, "--flows", new DatasetLayout(_suite.Dataset).GroundTruthFlowsRoot, "--out", output,
            "--iterations", "2", "--warmup", "1", "--batch", "1", "--force");

        Assert.StartsWith(output + ".training: error", AssertOneError(result, ErrorCodes.OutputNotOwned), StringComparison.Ordinal);
        Assert.Equal("precious", File.ReadAllText(Path.Combine(output + ".training", "weights-i-trained.pth")));
    }

    [Fact]
    public void AnArgumentErrorHasTheToolAsItsOrigin()
    {
        ChildProcessResult result = CliRunner.Run("flows", "--dataset", _suite.Dataset);

        Assert.Equal(1, result.ExitCode);
        Assert.All(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.StartsWith($"videoseg: error {ErrorCodes.InvalidArgument}: ", line, StringComparison.Ordinal));
    }

    [Fact]
    public void AnUnwritableOutputIsOneErrorNamingTheFolder()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Combine("file"), "x");
        string output = temp.Combine("file", "flows");

        ChildProcessResult result = CliRunner.Run("flows", "--dataset", _suite.Dataset, "--out", output, "--estimator", "groundtruth", "--height", "48", "--width", "64");

        Assert.StartsWith(output + ".partial: error", AssertOneError(result, ErrorCodes.OutputNotWritable), StringComparison.Ordinal);
    }

    [Fact]
    public void VerifyBaselineUpdateWithAMissingRunTableNamesIt()
    {
        using var temp = new TempDirectory();

        ChildProcessResult result = CliRunner.Run("verify-baseline", "--run", temp.Combine("table1.csv"), "--baseline", temp.Combine("baseline.csv"), "--update");

        Assert.StartsWith(temp.Combine("table1.csv") + ": error", AssertOneError(result, ErrorCodes.MissingFile), StringComparison.Ordinal);
        Assert.False(File.Exists(temp.Combine("baseline.csv")));
    }

    private static string AssertOneError(ChildProcessResult result, string code)
    {
        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}\n{result.Stdout}\n{result.Stderr}");
        Assert.DoesNotContain("Unhandled exception", result.Stderr, StringComparison.Ordinal);
        string error = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($": error {code}: ", error, StringComparison.Ordinal);
        return error;
    }
}
