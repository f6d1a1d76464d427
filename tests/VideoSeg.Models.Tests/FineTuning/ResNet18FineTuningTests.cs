using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
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

/// <summary>The finetune stage from a network on the frozen ResNet18, whose checkpoints hold the head only.</summary>
[Collection(nameof(SharedTorchGenerator))]
public sealed class ResNet18FineTuningTests : IClassFixture<TinySuiteFixture>
{
    private const string Matrix = """
        {
          "configurations": [ { "name": "base", "kind": "base" } ],
          "fineTuning": { "configurations": [ { "name": "fixed", "loss": "corrected", "occlusionWeighted": true, "deviation": 1 } ] }
        }
        """;

    private readonly TinySuiteFixture _suite;

    public ResNet18FineTuningTests(TinySuiteFixture suite) => _suite = suite;

    [Fact]
    public async Task FineTuningAResNet18Model_RestoresItsBackboneFromThePackage_AndIsThenUpToDate()
    {
        using var temp = new TempDirectory();
        string model = temp.Combine("model");
        StageOutcome trained = await new TrainingStage(new TrainingStageOptions(_suite.Layout.Root, _suite.FlowsRoot, model, TrainingTestOptions.TinyResNet18(2), DeviceChoice.Resolve("cpu")))
            .RunAsync(force: false, null, CancellationToken.None);
        Assert.True(trained.Ran);
        string matrix = temp.Combine("experiments.json");
        File.WriteAllText(matrix, Matrix);
        var options = new FineTuneStageOptions(
            _suite.Layout.Root,
            _suite.FlowsRoot,
            _suite.Layout.GroundTruthOcclusionsRoot,
            model,
            matrix,
            temp.Combine("finetune"),
            FineTuningProtocol.PerSequence,
            null,
            new FineTuningOptions { Iterations = 3, BatchSize = 2, EvaluationPeriod = 2, CheckpointPeriod = 2, LearningRate = 1e-3, InputHeight = 48, InputWidth = 64 },
            null,
            DeviceChoice.Resolve("cpu")) with { MaxSequences = 1 };

        StageOutcome first = await new FineTuneStage(options).RunAsync(force: false, null, CancellationToken.None);
        StageOutcome second = await new FineTuneStage(options).RunAsync(force: false, null, CancellationToken.None);

        Assert.True(first.Ran);
        Assert.False(second.Ran);
        FineTuningRunRecord record = Assert.Single(FineTuningStore.ReadAll(options.Output));
        Assert.Equal([0, 2, 3], record.Evaluations.Select(e => e.Iteration));
        Assert.All(record.Evaluations, e => Assert.InRange(e.OracleJ, 0, 1));
        Assert.Equal(3, record.Steps.Count);
        Assert.All(record.Steps, step => Assert.True(double.IsFinite(step.Loss)));
    }
}
