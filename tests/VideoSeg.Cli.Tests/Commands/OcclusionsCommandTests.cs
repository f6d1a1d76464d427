using System;
using System.IO;
using VideoSeg.Core;
using VideoSeg.Core.IO;
using VideoSeg.TestUtilities;
using Xunit;

namespace VideoSeg.Cli.Tests.Commands;

public sealed class OcclusionsCommandTests
{
    [Fact]
    public void AMatrixWhoseTopLevelIsAnArrayEndsTheCommandWithOneError()
    {
        using var temp = new TempDirectory();
        string dataset = temp.Combine("datasets", "synthetic");
        string flows = temp.Combine("results", "flows");
        Directory.CreateDirectory(dataset);
        Directory.CreateDirectory(flows);
        string matrix = temp.Combine("experiments.json");
        File.WriteAllText(matrix, "[]");
        string output = temp.Combine("results", "occlusions");

        ChildProcessResult result = CliRunner.Run("occlusions", "--dataset", dataset, "--flows", flows, "--out", output, "--matrix", matrix);

        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}\n{result.Stdout}\n{result.Stderr}");
        string error = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"{matrix}: error {ErrorCodes.InvalidMatrix}: ", error, StringComparison.Ordinal);
        Assert.Contains("$: expected the experiment matrix as a JSON object, got an array", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", result.Stdout + result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output), $"'{output}' exists after a failed run");
        Assert.False(Directory.Exists(output + ".partial"), "a partial folder was left behind");
        Assert.False(File.Exists(output + ".stamp.json"), "a stamp was written for a failed run");
    }
}
