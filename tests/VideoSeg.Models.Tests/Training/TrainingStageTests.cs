using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using VideoSeg.Core;
using VideoSeg.Core.Pipeline;
using VideoSeg.Flow.Devices;
using VideoSeg.Models.Training;
using VideoSeg.TestUtilities;
using Xunit;

namespace VideoSeg.Models.Tests.Training;

public sealed class TrainingStageTests : IClassFixture<TinySuiteFixture>
{
    private readonly TinySuiteFixture _suite;

    public TrainingStageTests(TinySuiteFixture suite) => _suite = suite;

    [Fact]
    public async Task TrainsCopiesTheFinalFilesDropsTheCheckpointsAndIsThenUpToDate()
    {
        using var temp = new TempDirectory();
        TrainingStageOptions options = Options(temp.Combine("model"), 4);

        StageOutcome first = await new TrainingStage(options).RunAsync(force: false, null, CancellationToken.None);
        StageOutcome second = await new TrainingStage(options).RunAsync(force: false, null, CancellationToken.None);

        Assert.True(first.Ran);
        Assert.False(second.Ran);
        Assert.Equal(
            new[] { "checkpoint_0000004.pth", "checkpoint_0000004.vsckpt", GwmTrainer.LossCurveFileName, TrainingStage.SummaryFileName },
            Directory.GetFiles(first.OutputDirectory).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray());
        using (JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(first.OutputDirectory, TrainingStage.SummaryFileName))))
        {
            Assert.Equal(4, summary.RootElement.GetProperty("Iterations").GetInt32());
            Assert.Equal(0, summary.RootElement.GetProperty("ResumedFrom").GetInt32());
            Assert.Equal("CPU", summary.RootElement.GetProperty("Device").GetString());
        }

        Assert.False(Directory.Exists(first.OutputDirectory + TrainingStage.WorkingSuffix));
    }

    [Fact]
    public void TheResumeKeyLeavesTheIterationCountOutButNotTheOptions()
    {
        using var temp = new TempDirectory();
        string output = temp.Combine("model");

        string key = new TrainingStage(Options(output, 4)).ComputeResumeKey();

        Assert.Equal(key, new TrainingStage(Options(output, 8)).ComputeResumeKey());
        Assert.NotEqual(key, new TrainingStage(Options(output, 4) with { Training = TrainingTestOptions.Tiny(4) with { Seed = 43 } }).ComputeResumeKey());
        Assert.NotEqual(new TrainingStage(Options(output, 4)).Describe().ComputeInputHash(), new TrainingStage(Options(output, 8)).Describe().ComputeInputHash());
    }

    [Fact]
    public async Task CheckpointsOfALongerInterruptedRunAreDiscarded()
    {
        using var temp = new TempDirectory();
        TrainingStageOptions options = Options(temp.Combine("model"), 4);
        var stage = new TrainingStage(options);
        using (var longer = new GwmTrainer(TrainingTestOptions.Tiny(8), _suite.Layout, _suite.FlowsRoot, stage.WorkingDirectory))
        {
            longer.Train();
        }

        File.WriteAllText(Path.Combine(stage.WorkingDirectory, TrainingStage.ResumeKeyFileName), stage.ComputeResumeKey() + "\n");
        var notes = new List<string>();

        StageOutcome outcome = await stage.RunAsync(force: false, new Recorder(notes), CancellationToken.None);

        Assert.Contains(notes, n => n.Contains("at iteration 8, past the 4 asked for: training from scratch", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(outcome.OutputDirectory, "checkpoint_0000004.pth")));
    }

    [Fact]
    public async Task AWorkingFolderWithoutAResumeKeyIsNotDeletedEvenWhenForced()
    {
        using var temp = new TempDirectory();
        var stage = new TrainingStage(Options(temp.Combine("model"), 4));
        Directory.CreateDirectory(stage.WorkingDirectory);
        File.WriteAllText(Path.Combine(stage.WorkingDirectory, "weights-i-trained.pth"), "precious");

        var error = await Assert.ThrowsAsync<VideoSegException>(() => stage.RunAsync(force: true, null, CancellationToken.None));

        Assert.Equal(ErrorCodes.OutputNotOwned, error.Code);
        Assert.Equal("precious", File.ReadAllText(Path.Combine(stage.WorkingDirectory, "weights-i-trained.pth")));
    }

    private TrainingStageOptions Options(string output, int iterations) =>
        new(_suite.Layout.Root, _suite.FlowsRoot, output, TrainingTestOptions.Tiny(iterations), DeviceChoice.Resolve("cpu"));

    private sealed class Recorder(List<string> notes) : IProgress<StageProgress>
    {
        public void Report(StageProgress value) => notes.Add(value.Message);
    }
}
