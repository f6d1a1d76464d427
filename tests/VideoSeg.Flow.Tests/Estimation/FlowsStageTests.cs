using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using VideoSeg.Core;
using VideoSeg.Core.Pipeline;
using VideoSeg.Data.Synthetic;
using VideoSeg.Flow.Devices;
using VideoSeg.Flow.Estimation;
using VideoSeg.TestUtilities;
using Xunit;

namespace VideoSeg.Flow.Tests.Estimation;

public sealed class FlowsStageTests
{
    [Fact]
    public async Task ImportsTheGroundTruthFlowsRecordsTheRunAndIsThenUpToDate()
    {
        using var temp = new TempDirectory();
        string dataset = temp.Combine("suite");
        SyntheticSuiteGenerator.Generate(dataset, new SyntheticSuiteOptions { Sequences = 1, MinFrames = 4, MaxFrames = 4, Height = 48, Width = 64 });
        var options = new FlowsStageOptions(dataset, temp.Combine("flows"), FlowEstimatorKind.GroundTruth, null, DeviceChoice.Resolve("cpu"), 64, 48, [1, -1], KeepImportedDisplacements: false);
        var reports = new List<StageProgress>();
        var progress = new Recorder(reports);

        StageOutcome first = await new FlowsStage(options).RunAsync(force: false, progress, CancellationToken.None);
        StageOutcome second = await new FlowsStage(options).RunAsync(force: false, progress, CancellationToken.None);

        Assert.True(first.Ran);
        Assert.False(second.Ran);
        Assert.Equal(3, Directory.GetFiles(Path.Combine(first.OutputDirectory, "Flows_gap1"), "*.flo", SearchOption.AllDirectories).Length);
        Assert.Empty(Directory.GetFiles(first.OutputDirectory, "*.flo", SearchOption.TopDirectoryOnly));
        Assert.False(Directory.Exists(Path.Combine(first.OutputDirectory, "Flows_gap2")));
        using JsonDocument metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(first.OutputDirectory, FlowsStage.MetadataFileName)));
        Assert.Equal("groundtruth", metadata.RootElement.GetProperty("estimator").GetString());
        Assert.Equal("none (imported)", metadata.RootElement.GetProperty("device").GetString());
        Assert.Contains(reports, r => r.Kind == StageProgressKind.Step && r.Total == 1);
        Assert.Equal("cpu -> cpu", new FlowsStage(options).Describe().ReadStamp()!.Parameters["device"]);
    }

    [Fact]
    public void AnImportWithoutASourceIsAnArgumentError()
    {
        var options = new FlowsStageOptions("suite", "flows", FlowEstimatorKind.ImportFlo, null, DeviceChoice.Resolve("cpu"), 64, 48, [1], KeepImportedDisplacements: false);

        var error = Assert.Throws<VideoSegException>(() => new FlowsStage(options));

        Assert.Equal(ErrorCodes.InvalidArgument, error.Code);
        Assert.Contains("--estimator import-flo needs --source", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FlowEstimatorKind.Raft, "raft")]
    [InlineData(FlowEstimatorKind.RaftSmall, "raft-small")]
    public void RaftWithoutItsWeightsIsAnArgumentError(FlowEstimatorKind kind, string name)
    {
        var options = new FlowsStageOptions("suite", "flows", kind, null, DeviceChoice.Resolve("cpu"), 224, 128, [1], KeepImportedDisplacements: false);

        var error = Assert.Throws<VideoSegException>(() => new FlowsStage(options));

        Assert.Equal(ErrorCodes.InvalidArgument, error.Code);
        Assert.Contains($"--estimator {name} needs its weights (--raft-weights)", error.Message, StringComparison.Ordinal);
    }

    private sealed class Recorder(List<StageProgress> reports) : IProgress<StageProgress>
    {
        public void Report(StageProgress value) => reports.Add(value);
    }
}
