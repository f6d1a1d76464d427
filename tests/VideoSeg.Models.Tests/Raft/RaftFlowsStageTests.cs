using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using VideoSeg.Core;
using VideoSeg.Core.Formats;
using VideoSeg.Core.Imaging;
using VideoSeg.Core.IO;
using VideoSeg.Core.Pipeline;
using VideoSeg.Data.Synthetic;
using VideoSeg.Flow.Devices;
using VideoSeg.Flow.Estimation;
using VideoSeg.Models.Raft;
using VideoSeg.Models.Tests.Network;
using VideoSeg.TestUtilities;
using Xunit;

namespace VideoSeg.Models.Tests.Raft;

// RAFT's forward pass holds the process-wide no-GC region, as GwmTrainer's steps do: never both at once.
/// <summary>The flows stage with RAFT from this library, as the CLI wires it.</summary>
[Collection(nameof(SharedTorchGenerator))]
public sealed class RaftFlowsStageTests
{
    [Fact]
    public async Task RaftSmallWritesFlowsRecordsItsWeightsAndRerunsWhenTheyOrItsIterationsChange()
    {
        using var temp = new TempDirectory();
        string dataset = temp.Combine("suite");
        SyntheticSuiteGenerator.Generate(dataset, new SyntheticSuiteOptions { Sequences = 1, MinFrames = 3, MaxFrames = 3, Height = 128, Width = 136 });
        string weights = RaftFixture.ExtractWeights("raft-small", temp.Path);
        FlowsStageOptions options = Options(dataset, temp.Combine("flows"), new RaftFlowEstimatorFactory(new RaftOptions(RaftVariant.Small, 2), weights));

        StageOutcome first = await new FlowsStage(options).RunAsync(force: false, null, CancellationToken.None);
        StageOutcome again = await new FlowsStage(options).RunAsync(force: false, null, CancellationToken.None);
        StageOutcome moreIterations = await new FlowsStage(options with { EstimatorFactory = new RaftFlowEstimatorFactory(new RaftOptions(RaftVariant.Small, 3), weights) })
            .RunAsync(force: false, null, CancellationToken.None);
        File.AppendAllText(weights, " ");
        StageOutcome newWeights = await new FlowsStage(options with { EstimatorFactory = new RaftFlowEstimatorFactory(new RaftOptions(RaftVariant.Small, 3), weights) })
            .RunAsync(force: false, null, CancellationToken.None);

        Assert.True(first.Ran);
        Assert.False(again.Ran);
        Assert.True(moreIterations.Ran);
        Assert.True(newWeights.Ran);
        string[] flows = Directory.GetFiles(Path.Combine(first.OutputDirectory, "Flows_gap1"), "*.flo", SearchOption.AllDirectories);
        Assert.Equal(2, flows.Length);
        FlowField flow = FloFormat.Read(flows[0]);
        Assert.Equal((136, 128), (flow.Width, flow.Height));
        using JsonDocument metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(first.OutputDirectory, FlowsStage.MetadataFileName)));
        Assert.Equal("raft-small", metadata.RootElement.GetProperty("estimator").GetString());
        JsonElement raft = metadata.RootElement.GetProperty("raft-small");
        Assert.Equal("3", raft.GetProperty("iterations").GetString());
        Assert.Equal(ContentHash.OfFile(weights), raft.GetProperty("weightsSha256").GetString());
        IReadOnlyDictionary<string, string> stamp = new FlowsStage(options).Describe().ReadStamp()!.Parameters;
        Assert.Equal("raft-small", stamp["estimator"]);
        Assert.Equal("3", stamp["raft-small.iterations"]);
        Assert.Equal(ContentHash.OfFile(weights), stamp["raft-small.weightsSha256"]);
    }

    [Fact]
    public void RaftWithTheOtherVariantsEstimatorIsAnArgumentError()
    {
        using var temp = new TempDirectory();
        string weights = RaftFixture.ExtractWeights("raft-small", temp.Path);
        FlowsStageOptions options = Options("suite", "flows", new RaftFlowEstimatorFactory(new RaftOptions(RaftVariant.Small), weights)) with { Estimator = FlowEstimatorKind.Raft };

        VideoSegException error = Assert.Throws<VideoSegException>(() => new FlowsStage(options));

        Assert.Equal(ErrorCodes.InvalidArgument, error.Code);
        Assert.Contains("--estimator raft was given the 'raft-small' estimator", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingWeightsAreOneErrorNamingTheFile()
    {
        using var temp = new TempDirectory();

        VideoSegException error = Assert.Throws<VideoSegException>(() => new RaftFlowEstimatorFactory(new RaftOptions(RaftVariant.Full), temp.Combine("raft-things.pth")));

        Assert.Equal(ErrorCodes.MissingFile, error.Code);
        Assert.Contains(temp.Combine("raft-things.pth"), error.Message, StringComparison.Ordinal);
    }

    private static FlowsStageOptions Options(string dataset, string output, IFlowEstimatorFactory factory) =>
        new(dataset, output, FlowEstimatorKind.RaftSmall, null, DeviceChoice.Resolve("cpu"), 136, 128, [1], KeepImportedDisplacements: false, factory);
}
