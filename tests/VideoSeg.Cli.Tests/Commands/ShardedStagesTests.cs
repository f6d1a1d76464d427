using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using VideoSeg.Core.IO;
using VideoSeg.TestUtilities;
using Xunit;

namespace VideoSeg.Cli.Tests.Commands;

/// <summary>
/// The sharded stages through the CLI: flows, occlusions, base masks, refine and evaluate run as shards and merged write the
/// same bytes and the same stamp as unsharded runs, including with an empty shard; a merge refuses a missing or a
/// stale shard; and <c>--check</c> says what is up to date without computing.
/// </summary>
public sealed class ShardedStagesTests : IClassFixture<TinySuite>
{
    private readonly TinySuite _suite;
    private readonly List<string[]> _lastCommands = [];

    public ShardedStagesTests(TinySuite suite) => _suite = suite;

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void MergedShardsAreByteIdenticalToTheUnshardedRunWithTheSameStamp(int shards)
    {
        using var temp = new TempDirectory();
        string matrix = Path.Combine(SharedData.RepositoryRoot, "eng", "experiments.json");

        Dictionary<string, string> whole = RunStages(temp.Combine("whole"), matrix, shards: 1);
        _lastCommands.Clear();
        Dictionary<string, string> sharded = RunStages(temp.Combine("sharded"), matrix, shards);

        foreach ((string stage, string output) in whole)
        {
            Assert.Equal(Snapshot(output), Snapshot(sharded[stage]));
            Assert.Equal(Stamp(output).OutputHash, Stamp(sharded[stage]).OutputHash);
        }

        // A merged output carries the stamp an unsharded run would have written: a rerun without shards has nothing to do.
        foreach (string[] command in _lastCommands)
        {
            ChildProcessResult check = CliRunner.Run([.. command, "--check"]);
            Assert.True(check.ExitCode == 0, check.Stdout + check.Stderr);
            Assert.Contains("] up to date: ", check.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AMergeRefusesAMissingOrStaleShardAndCheckSaysWhichShardsAreDone()
    {
        using var temp = new TempDirectory();
        string flows = temp.Combine("flows");
        string[] common = ["flows", "--dataset", _suite.Dataset, "--out", flows, "--estimator", "groundtruth", "--height", "48", "--width", "64"];
        Ok(CliRunner.Run([.. common, "--shard", "0/2"]));

        Assert.Equal(0, CliRunner.Run([.. common, "--check", "--shard", "0/2"]).ExitCode);
        Assert.Equal(3, CliRunner.Run([.. common, "--check", "--shard", "1/2"]).ExitCode);
        Assert.Equal(3, CliRunner.Run([.. common, "--check"]).ExitCode);
        ChildProcessResult missing = CliRunner.Run([.. common, "--merge-shards", "2"]);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("error VSEG4005: shard 1/2 of the flows stage has not completed", missing.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(flows));

        // Shard 1 computed with other parameters (another working size) cannot join shard 0.
        Ok(CliRunner.Run(["flows", "--dataset", _suite.Dataset, "--out", flows, "--estimator", "groundtruth", "--height", "32", "--width", "64", "--shard", "1/2"]));
        ChildProcessResult stale = CliRunner.Run([.. common, "--merge-shards", "2"]);
        Assert.Equal(2, stale.ExitCode);
        Assert.Contains("error VSEG4005: shard 1/2 of the flows stage was computed from other inputs, parameters or code", stale.Stderr, StringComparison.Ordinal);

        Ok(CliRunner.Run([.. common, "--shard", "1/2"]));
        Ok(CliRunner.Run([.. common, "--merge-shards", "2"]));
        Assert.Equal(0, CliRunner.Run([.. common, "--check"]).ExitCode);
        Assert.Equal(2, CliRunner.Run([.. common, "--shard", "1/2", "--merge-shards", "2"]).ExitCode);
    }

    private Dictionary<string, string> RunStages(string root, string matrix, int shards)
    {
        var outputs = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["flows"] = Path.Combine(root, "flows"),
            ["occlusions"] = Path.Combine(root, "occlusions"),
            ["basemasks"] = Path.Combine(root, "basemasks"),
            ["refine"] = Path.Combine(root, "refined"),
            ["evaluate"] = Path.Combine(root, "evaluation"),
        };
        Run(shards, "flows", "--dataset", _suite.Dataset, "--out", outputs["flows"], "--estimator", "tvl1-fast", "--height", "48", "--width", "64", "--device", "cpu");
        Run(shards, "occlusions", "--dataset", _suite.Dataset, "--flows", outputs["flows"], "--out", outputs["occlusions"], "--matrix", matrix, "--device", "cpu");
        string baseMasks = outputs["basemasks"];
        Run(shards, "basemasks", "--dataset", _suite.Dataset, "--flows", outputs["flows"], "--out", baseMasks, "--source", "motion", "--device", "cpu");
        Run(shards, "refine", "--dataset", _suite.Dataset, "--flows", outputs["flows"], "--occlusions", outputs["occlusions"], "--basemasks", baseMasks, "--reference", "motion=" + baseMasks, "--matrix", matrix, "--out", outputs["refine"], "--device", "cpu");
        Run(shards, "evaluate", "--dataset", _suite.Dataset, "--predictions", outputs["refine"], "--out", outputs["evaluate"]);
        return outputs;
    }

    private void Run(int shards, params string[] arguments)
    {
        _lastCommands.Add(arguments);
        if (shards == 1)
        {
            Ok(CliRunner.Run(arguments));
            return;
        }

        for (int shard = 0; shard < shards; shard++)
        {
            Ok(CliRunner.Run([.. arguments, "--shard", $"{shard}/{shards}"]));
        }

        ChildProcessResult merged = CliRunner.Run([.. arguments, "--merge-shards", shards.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        Ok(merged);
        Assert.Contains("] done: ", merged.Stdout, StringComparison.Ordinal);
    }

    private static void Ok(ChildProcessResult result) => Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);

    private static Dictionary<string, string> Snapshot(string folder) =>
        ContentHash.ListFiles(folder).ToDictionary(f => f, f => ContentHash.OfFile(Path.Combine(folder, f)), StringComparer.Ordinal);

    private static Core.Pipeline.StageStamp Stamp(string output) =>
        System.Text.Json.JsonSerializer.Deserialize<Core.Pipeline.StageStamp>(File.ReadAllText(output + ".stamp.json"))!;
}
