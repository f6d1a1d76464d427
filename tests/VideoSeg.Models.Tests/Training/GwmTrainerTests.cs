using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using VideoSeg.Core;
using VideoSeg.Models.Checkpoints;
using VideoSeg.Models.Tests.Network;
using VideoSeg.Models.Training;
using VideoSeg.TestUtilities;
using Xunit;
using static TorchSharp.torch;

namespace VideoSeg.Models.Tests.Training;

[Collection(nameof(SharedTorchGenerator))]
public sealed class GwmTrainerTests : IClassFixture<TinySuiteFixture>
{
    private readonly TinySuiteFixture _suite;

    public GwmTrainerTests(TinySuiteFixture suite) => _suite = suite;

    [Fact]
    public void Training_loss_decreases_on_the_tiny_suite()
    {
        using var output = new TempDirectory();
        using var trainer = new GwmTrainer(TrainingTestOptions.Tiny(40) with { CheckpointPeriod = 40 }, _suite.Layout, _suite.FlowsRoot, output.Path);

        TrainingResult result = trainer.Train();

        Assert.Equal(40, result.Iterations);
        double first = result.LossCurve.Take(5).Average(r => r.Loss);
        double last = result.LossCurve.Skip(35).Average(r => r.Loss);
        Assert.True(result.LossCurve.All(r => double.IsFinite(r.Loss)));
        Assert.True(last < 0.9 * first, $"mean loss of the first 5 steps {first}, of the last 5 {last}");
    }

    [Fact]
    public void A_cancelled_run_resumes_where_it_stopped_and_matches_an_uninterrupted_run()
    {
        using var straight = new TempDirectory();
        using var interrupted = new TempDirectory();
        GwmTrainingOptions options = TrainingTestOptions.Tiny(10);
        IReadOnlyList<LossCurveRow> reference;
        using (var trainer = new GwmTrainer(options, _suite.Layout, _suite.FlowsRoot, straight.Path))
        {
            reference = trainer.Train().LossCurve;
        }

        using (var cancellation = new CancellationTokenSource())
        using (var trainer = new GwmTrainer(options, _suite.Layout, _suite.FlowsRoot, interrupted.Path))
        {
            var progress = new SynchronousTrainingProgress(p =>
            {
                if (p.Iteration == 6)
                {
                    cancellation.Cancel();
                }
            });
            Assert.ThrowsAny<OperationCanceledException>(() => trainer.Train(progress, cancellation.Token));
            Assert.Equal(6, trainer.Iteration);
        }

        Assert.EndsWith(GwmTrainer.ResumeFileName(6), GwmTrainer.LatestCheckpoint(interrupted.Path));
        using (var trainer = new GwmTrainer(options, _suite.Layout, _suite.FlowsRoot, interrupted.Path))
        {
            Assert.True(trainer.Resume());
            Assert.Equal(6, trainer.Iteration);
            TrainingResult result = trainer.Train();

            Assert.Equal(Enumerable.Range(0, 10), result.LossCurve.Select(r => r.Iteration));
            for (int i = 0; i < 10; i++)
            {
                Assert.Equal(reference[i].LearningRate, result.LossCurve[i].LearningRate, 15);
                Assert.Equal(reference[i].Loss, result.LossCurve[i].Loss, 6);
            }
        }

        IReadOnlyList<LossCurveRow> csv = LossCurveCsv.Read(Path.Combine(interrupted.Path, GwmTrainer.LossCurveFileName));
        Assert.Equal(Enumerable.Range(0, 10), csv.Select(r => r.Iteration));
        Assert.Equal(reference.Select(r => r.LearningRate), csv.Select(r => r.LearningRate));
    }

    [Fact]
    public void Resume_without_a_checkpoint_returns_false_and_with_other_options_is_refused()
    {
        using var output = new TempDirectory();
        using (var trainer = new GwmTrainer(TrainingTestOptions.Tiny(4), _suite.Layout, _suite.FlowsRoot, output.Path))
        {
            Assert.False(trainer.Resume());
            trainer.Train();
        }

        using var other = new GwmTrainer(TrainingTestOptions.Tiny(8) with { Seed = 43 }, _suite.Layout, _suite.FlowsRoot, output.Path);
        var error = Assert.Throws<VideoSegException>(() => other.Resume());
        Assert.Equal(ErrorCodes.InvalidArgument, error.Code);

        using var longer = new GwmTrainer(TrainingTestOptions.Tiny(8), _suite.Layout, _suite.FlowsRoot, output.Path);
        Assert.True(longer.Resume());
        Assert.Equal(8, longer.Train().Iterations);
    }

    [Fact]
    public void The_pytorch_export_reads_back_with_the_same_tensors_and_iteration()
    {
        using var output = new TempDirectory();
        using var trainer = new GwmTrainer(TrainingTestOptions.Tiny(3), _suite.Layout, _suite.FlowsRoot, output.Path);
        TrainingResult result = trainer.Train();

        var root = Assert.IsType<CheckpointDict>(PyTorchCheckpoint.Load(result.ExportPath));
        Assert.True(root.TryGetValue("iteration", out CheckpointValue iteration));
        Assert.Equal(3, Assert.IsType<CheckpointInteger>(iteration).Value);
        IReadOnlyDictionary<string, CheckpointTensor> weights = StateDict.Extract(root);
        Dictionary<string, Tensor> expected = trainer.Network.state_dict();
        Assert.Equal(expected.Keys.OrderBy(k => k, StringComparer.Ordinal), weights.Keys.OrderBy(k => k, StringComparer.Ordinal));
        foreach ((string key, Tensor tensor) in expected)
        {
            using Tensor read = weights[key].ToTorch();
            using Tensor original = tensor.detach().cpu();
            Assert.Equal(original.shape, read.shape);
            Assert.True(read.allclose(original, 0, 0), key);
        }
    }
}
