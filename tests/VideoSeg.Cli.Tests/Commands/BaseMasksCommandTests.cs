using System;
using System.Collections.Generic;
using System.IO;
using VideoSeg.Core;
using VideoSeg.Core.IO;
using VideoSeg.Core.Pipeline;
using VideoSeg.Models.Checkpoints;
using VideoSeg.Models.Network;
using VideoSeg.TestUtilities;
using Xunit;

namespace VideoSeg.Cli.Tests.Commands;

public sealed class BaseMasksCommandTests : IClassFixture<TinySuite>
{
    private readonly TinySuite _suite;

    public BaseMasksCommandTests(TinySuite suite) => _suite = suite;

    [Fact]
    public void MissingMergeWeightsAreNamedBeforeAnythingRuns()
    {
        using var temp = new TempDirectory();
        string model = WriteExport(temp);
        string output = temp.Combine("basemasks");
        string missing = temp.Combine("dino_deitsmall8_pretrain.pth");

        ChildProcessResult result = CliRunner.Run(
            "basemasks", "--dataset", _suite.Dataset, "--flows", _suite.Flows, "--out", output,
            "--source", "gwm", "--model", model, "--merge-weights", missing);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"error {ErrorCodes.MissingFile}:", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(missing, result.Stderr, StringComparison.Ordinal);
        Assert.Contains("--merge-weights", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void GwmMasksMergeOnViTS8KeysWithMergeWeights_AndTheChoiceIsPartOfTheStage()
    {
        using var temp = new TempDirectory();
        string model = WriteExport(temp);
        string vits8 = temp.Combine("dino_deitsmall8_pretrain.pth");
        using (var vit = new DinoVitBackbone(DinoVitOptions.VitS8))
        {
            PyTorchCheckpointWriter.Write(vits8, vit.state_dict(), nestUnder: null);
        }

        string output = temp.Combine("basemasks");
        string[] backbone = ["basemasks", "--dataset", _suite.Dataset, "--flows", _suite.Flows, "--out", output, "--source", "gwm", "--model", model];
        string[] merged = [.. backbone, "--merge-weights", vits8];

        ChildProcessResult first = CliRunner.Run(merged);
        Assert.True(first.ExitCode == 0, first.Stdout + first.Stderr);
        var layout = new DatasetLayout(_suite.Dataset);
        foreach (string sequence in layout.ReadSequences())
        {
            Assert.Equal(5, Directory.GetFiles(Path.Combine(output, sequence), "*.png").Length);
        }

        ChildProcessResult again = CliRunner.Run(merged);
        Assert.True(again.ExitCode == 0, again.Stdout + again.Stderr);
        Assert.Contains("up to date", again.Stdout, StringComparison.Ordinal);

        ChildProcessResult fallback = CliRunner.Run(backbone);
        Assert.True(fallback.ExitCode == 0, fallback.Stdout + fallback.Stderr);
        Assert.DoesNotContain("up to date", fallback.Stdout, StringComparison.Ordinal);
    }

    /// <summary>What <c>videoseg train</c> exports: {'model': CpuSmall state dict, 'iteration': n}.</summary>
    private static string WriteExport(TempDirectory temp)
    {
        string path = temp.Combine("checkpoint_0000001.pth");
        using var network = new GwmNetwork(GwmNetworkOptions.CpuSmall);
        PyTorchCheckpointWriter.Write(path, network.state_dict(), new Dictionary<string, object?> { ["iteration"] = 1L });
        return path;
    }
}
