using System;
using System.IO;
using System.IO.Compression;
using System.Text.Json;
using VideoSeg.Core;
using VideoSeg.Core.IO;
using VideoSeg.TestUtilities;
using Xunit;

namespace VideoSeg.Cli.Tests.Commands;

public sealed class FlowsCommandTests
{
    [Fact]
    public void RaftSmallWithItsWeightsComputesFlowsAndRecordsTheWeights()
    {
        using var temp = new TempDirectory();
        string dataset = temp.Combine("datasets", "synthetic");
        ChildProcessResult generated = CliRunner.Run("generate", "--out", dataset, "--sequences", "1", "--min-frames", "3", "--max-frames", "3", "--height", "128", "--width", "136");
        Assert.True(generated.ExitCode == 0, generated.Stdout + generated.Stderr);
        string weights = temp.Combine("raft-small.pth");
        using (FileStream source = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Raft", "raft-small.pth.gz")))
        using (var gzip = new GZipStream(source, CompressionMode.Decompress))
        using (FileStream target = File.Create(weights))
        {
            gzip.CopyTo(target);
        }

        string output = temp.Combine("results", "flows", "raft-small");

        ChildProcessResult result = CliRunner.Run(
            "flows", "--dataset", dataset, "--out", output, "--estimator", "raft-small", "--raft-weights", weights, "--raft-iterations", "2",
            "--device", "cpu", "--height", "128", "--width", "136", "--gaps", "1");

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}\n{result.Stdout}\n{result.Stderr}");
        Assert.Equal(2, Directory.GetFiles(Path.Combine(output, "Flows_gap1"), "*.flo", SearchOption.AllDirectories).Length);
        using JsonDocument metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "flows.json")));
        JsonElement raft = metadata.RootElement.GetProperty("raft-small");
        Assert.Equal("2", raft.GetProperty("iterations").GetString());
        Assert.Equal(ContentHash.OfFile(weights), raft.GetProperty("weightsSha256").GetString());
    }

    [Fact]
    public void RaftWithoutWeightsEndsTheCommandWithOneError()
    {
        using var temp = new TempDirectory();
        string dataset = temp.Combine("datasets", "synthetic");
        Directory.CreateDirectory(dataset);
        string output = temp.Combine("results", "flows");

        ChildProcessResult result = CliRunner.Run("flows", "--dataset", dataset, "--out", output, "--estimator", "raft");

        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}\n{result.Stdout}\n{result.Stderr}");
        string error = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"error {ErrorCodes.InvalidArgument}: --estimator raft needs --raft-weights", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output), $"'{output}' exists after a failed run");
    }
}
