using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using VideoSeg.Core;
using VideoSeg.Core.FineTuning;
using VideoSeg.Core.Pipeline;
using VideoSeg.Flow.Devices;
using VideoSeg.Models.FineTuning;
using VideoSeg.Models.Tests.Network;
using VideoSeg.Models.Tests.Training;
using VideoSeg.Models.Training;
using VideoSeg.TestUtilities;
using Xunit;

namespace VideoSeg.Models.Tests.FineTuning;

/// <summary>The finetune stage on the tiny suite, from a 2-step 2-mask network trained by the train stage.</summary>
[Collection(nameof(SharedTorchGenerator))]
public sealed class FineTuneStageTests : IClassFixture<TinySuiteFixture>, IDisposable
{
    private const string Matrix = """
        {
          "configurations": [ { "name": "base", "kind": "base" } ],
          "fineTuning": {
            "configurations": [
              { "name": "paper", "loss": "paper-code", "table2": "Paper" },
              { "name": "paper-stop", "loss": "paper-code", "report": "stopping-rule" },
              { "name": "fixed", "loss": "corrected", "occlusionWeighted": true, "deviation": 1 }
            ]
          }
        }
        """;

    private readonly TinySuiteFixture _suite;
    private readonly TempDirectory _temp = new();
    private readonly string _model;
    private readonly string _matrix;

    public FineTuneStageTests(TinySuiteFixture suite)
    {
        _suite = suite;
        _model = _temp.Combine("model");
        StageOutcome trained = new TrainingStage(new TrainingStageOptions(suite.Layout.Root, suite.FlowsRoot, _model, TrainingTestOptions.Tiny(2), DeviceChoice.Resolve("cpu")))
            .RunAsync(force: false, null, CancellationToken.None).GetAwaiter().GetResult();
        Assert.True(trained.Ran);
        _matrix = _temp.Combine("experiments.json");
        File.WriteAllText(_matrix, Matrix);
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task RecordsEveryConfigurationOnEverySequenceSharingIdenticalTrainingsAndIsThenUpToDate()
    {
        FineTuneStageOptions options = Options(FineTuningProtocol.PerSequence, null);
        var steps = new List<string>();

        StageOutcome first = await new FineTuneStage(options).RunAsync(force: false, new Recorder(steps), CancellationToken.None);
        StageOutcome second = await new FineTuneStage(options).RunAsync(force: false, null, CancellationToken.None);

        Assert.True(first.Ran);
        Assert.False(second.Ran);
        IReadOnlyList<FineTuningRunRecord> records = FineTuningStore.ReadAll(options.Output);
        Assert.Equal(3 * _suite.Layout.ReadSequences().Count, records.Count);
        // Two trainings a sequence: 'paper' and 'paper-stop' train identically and share one run.
        Assert.Equal(2 * _suite.Layout.ReadSequences().Count, steps.Count);
        FineTuningRunRecord paper = records.First(r => r.Configuration == "paper");
        FineTuningRunRecord stop = records.First(r => r.Configuration == "paper-stop" && r.Sequence == paper.Sequence);
        Assert.Equal(paper.Evaluations.Select(e => e.OracleJ), stop.Evaluations.Select(e => e.OracleJ));
        Assert.All(records, r => Assert.Equal([0, 2, 3], r.Evaluations.Select(e => e.Iteration)));
        Assert.All(records, r => Assert.Equal("per-sequence", r.Protocol));
        Assert.False(Directory.Exists(options.Output + FineTuneStage.WorkingSuffix));
        Assert.False(Directory.Exists(Path.Combine(options.Output, "snapshots")));
        Assert.True(File.Exists(Path.Combine(options.Output, FineTuneStage.SummaryFileName)));
    }

    [Fact]
    public async Task TheLongProtocolKeepsTheSnapshotFrameAtEveryMeasurement()
    {
        string sequence = _suite.Layout.ReadSequences()[1];
        FineTuneStageOptions options = Options(FineTuningProtocol.LongRun, [sequence]) with { SnapshotFrame = 1 };

        await new FineTuneStage(options).RunAsync(force: false, null, CancellationToken.None);

        string[] snapshots = Directory.GetFiles(Path.Combine(options.Output, "snapshots", "fixed")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;
        Assert.Equal(["0000000-00001.png", "0000002-00001.png", "0000003-00001.png"], snapshots);
        Assert.All(FineTuningStore.ReadAll(options.Output), r => Assert.Equal(sequence, r.Sequence));
    }

    [Fact]
    public async Task AnInterruptedStageKeepsFinishedRunsAndResumes()
    {
        FineTuneStageOptions options = Options(FineTuningProtocol.PerSequence, null);
        using var cancel = new CancellationTokenSource();
        var steps = new List<string>();
        var cancelAfterFirst = new Recorder(steps, () => cancel.Cancel());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new FineTuneStage(options).RunAsync(force: false, cancelAfterFirst, cancel.Token));
        Assert.Single(steps);
        var resumedSteps = new List<string>();
        StageOutcome resumed = await new FineTuneStage(options).RunAsync(force: false, new Recorder(resumedSteps), CancellationToken.None);

        Assert.True(resumed.Ran);
        Assert.Equal(2 * _suite.Layout.ReadSequences().Count, resumedSteps.Count);
        Assert.Equal(3 * _suite.Layout.ReadSequences().Count, FineTuningStore.ReadAll(options.Output).Count);
    }

    [Fact]
    public void AnUnknownSequenceIsOneErrorListingTheSuites()
    {
        var error = Assert.Throws<VideoSegException>(() => new FineTuneStage(Options(FineTuningProtocol.PerSequence, ["nope"])));

        Assert.Contains("'nope' is not in the suite", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheLongProtocolTakesExactlyOneSequenceByDefaultTheFirst()
    {
        IReadOnlyList<string> listed = _suite.Layout.ReadSequences();

        var error = Assert.Throws<VideoSegException>(() => new FineTuneStage(Options(FineTuningProtocol.LongRun, [listed[0], listed[1]])));

        Assert.Contains("exactly one sequence", error.Message, StringComparison.Ordinal);
        Assert.Equal([listed[0]], new FineTuneStage(Options(FineTuningProtocol.LongRun, null)).Sequences);
        Assert.Equal(listed.Take(2), new FineTuneStage(Options(FineTuningProtocol.PerSequence, null) with { MaxSequences = 2 }).Sequences);
    }

    private FineTuneStageOptions Options(FineTuningProtocol protocol, IReadOnlyList<string>? sequences) => new(
        _suite.Layout.Root,
        _suite.FlowsRoot,
        _suite.Layout.GroundTruthOcclusionsRoot,
        _model,
        _matrix,
        _temp.Combine("finetune", FineTuningProtocolNames.Name(protocol)),
        protocol,
        sequences,
        new FineTuningOptions { Iterations = 3, BatchSize = 2, EvaluationPeriod = 2, CheckpointPeriod = 2, LearningRate = 1e-3, InputHeight = 48, InputWidth = 64 },
        null,
        DeviceChoice.Resolve("cpu"));

    private sealed class Recorder(List<string> steps, Action? afterStep = null) : IProgress<StageProgress>
    {
        public void Report(StageProgress value)
        {
            if (value.Kind == StageProgressKind.Step)
            {
                steps.Add(value.Message);
                afterStep?.Invoke();
            }
        }
    }
}
