using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using TorchSharp.Modules;
using VideoSeg.Core;
using VideoSeg.Core.FineTuning;
using VideoSeg.Models.FineTuning;
using VideoSeg.Models.Network;
using VideoSeg.Models.Tests.Network;
using VideoSeg.Models.Tests.Training;
using VideoSeg.TestUtilities;
using Xunit;
using static TorchSharp.torch;

namespace VideoSeg.Models.Tests.FineTuning;

[Collection(nameof(SharedTorchGenerator))]
public sealed class ConsistencyFineTunerTests : IClassFixture<TinySuiteFixture>
{
    private readonly TinySuiteFixture _suite;

    public ConsistencyFineTunerTests(TinySuiteFixture suite) => _suite = suite;

    [Fact]
    public void TheBackboneStaysFixedWhileTheDecoderTrains()
    {
        using var temp = new TempDirectory();
        using GwmNetwork network = StartingNetwork();
        using FineTuningSequence data = Load();
        Dictionary<string, float[]> before = Weights(network);
        using var tuner = new ConsistencyFineTuner(network, data, Options(3), temp.Path, snapshotFrame: 1);

        tuner.Run();

        Dictionary<string, float[]> after = Weights(network);
        Assert.All(before.Keys.Where(k => k.StartsWith("backbone.", StringComparison.Ordinal)), k => Assert.Equal(before[k], after[k]));
        Assert.Contains(before.Keys.Where(k => k.StartsWith("sem_seg_head.", StringComparison.Ordinal)), k => !before[k].SequenceEqual(after[k]));
        Assert.All(tuner.Trainable, p => Assert.True(p.requires_grad));
        Assert.DoesNotContain(network.Backbone.parameters(), p => p.requires_grad);
    }

    [Fact]
    public void ACachedFeatureStepGivesTheLossAndGradientsOfAFullForward()
    {
        using var temp = new TempDirectory();
        using GwmNetwork network = StartingNetwork();
        using FineTuningSequence data = Load();
        using var tuner = new ConsistencyFineTuner(network, data, Options(1), temp.Path, snapshotFrame: 1);
        network.eval();

        ConsistencyLossValue cached = tuner.LossWithCache(0);
        cached.Total.backward();
        float[][] cachedGradients = tuner.Trainable.Select(p => p.grad!.data<float>().ToArray()).ToArray();
        foreach (Parameter parameter in tuner.Trainable)
        {
            parameter.grad!.zero_();
        }

        ConsistencyLossValue full = tuner.LossWithoutCache(0);
        full.Total.backward();
        float[][] fullGradients = tuner.Trainable.Select(p => p.grad!.data<float>().ToArray()).ToArray();

        Assert.Equal(full.Total.item<float>(), cached.Total.item<float>(), 6);
        Assert.Equal(full.FirstChannels, cached.FirstChannels);
        for (int i = 0; i < fullGradients.Length; i++)
        {
            for (int j = 0; j < fullGradients[i].Length; j++)
            {
                Assert.Equal(fullGradients[i][j], cachedGradients[i][j], 5);
            }
        }
    }

    [Fact]
    public void MeasuresBeforeTheFirstStepEveryPeriodAndAfterTheLast()
    {
        using var temp = new TempDirectory();
        using GwmNetwork network = StartingNetwork();
        using FineTuningSequence data = Load();
        using var tuner = new ConsistencyFineTuner(network, data, Options(5), temp.Path, snapshotFrame: 2);

        FineTuningResult result = tuner.Run();

        Assert.Equal([0, 2, 4, 5], result.Evaluations.Select(e => e.Iteration));
        Assert.Equal([0, 2, 4, 5], result.Snapshots.Select(s => s.Iteration));
        Assert.All(result.Snapshots, s => Assert.Equal(2, s.Frame));
        Assert.All(result.Evaluations, e => Assert.InRange(e.OracleJ, e.CornerRuleJ, 1.0));
        Assert.True(double.IsNaN(result.Evaluations[0].Signals.Consistency));
        Assert.Equal(0.0, result.Evaluations[0].Signals.Drift, 6);
        Assert.Equal(result.Steps.Take(2).Average(s => s.Consistency), result.Evaluations[1].Signals.Consistency, 9);
        Assert.Equal(5, result.Steps.Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AResumedRunEqualsAnUninterruptedOne(bool interrupted)
    {
        using var uninterruptedFolder = new TempDirectory();
        using var resumedFolder = new TempDirectory();
        using FineTuningSequence data = Load();

        FineTuningResult uninterrupted;
        float[] uninterruptedWeights;
        using (GwmNetwork network = StartingNetwork())
        using (var tuner = new ConsistencyFineTuner(network, data, Options(6), uninterruptedFolder.Path, snapshotFrame: 1))
        {
            uninterrupted = tuner.Run();
            uninterruptedWeights = Weights(network).Values.SelectMany(v => v).ToArray();
        }

        // Either cancelled after the evaluation at step 2 (a checkpoint of the steps done is written), or a
        // finished 3-step run that a 6-step run continues.
        using (GwmNetwork network = StartingNetwork())
        using (var tuner = new ConsistencyFineTuner(network, data, Options(interrupted ? 6 : 3), resumedFolder.Path, snapshotFrame: 1))
        using (var cancel = new CancellationTokenSource())
        {
            if (interrupted)
            {
                Assert.Throws<OperationCanceledException>(() => tuner.Run(new CancelAt(2, cancel), cancel.Token));
            }
            else
            {
                tuner.Run();
            }
        }

        FineTuningResult resumed;
        float[] resumedWeights;
        using (GwmNetwork network = StartingNetwork())
        using (var tuner = new ConsistencyFineTuner(network, data, Options(6), resumedFolder.Path, snapshotFrame: 1))
        {
            Assert.True(tuner.Resume());
            Assert.Equal(interrupted ? 2 : 3, tuner.Iteration);
            resumed = tuner.Run();
            resumedWeights = Weights(network).Values.SelectMany(v => v).ToArray();
        }

        Assert.Equal(uninterrupted.Steps, resumed.Steps);
        Assert.Equal(uninterrupted.Evaluations.Select(e => (e.Iteration, e.OracleJ, e.CornerRuleJ)), resumed.Evaluations.Select(e => (e.Iteration, e.OracleJ, e.CornerRuleJ)));
        Assert.Equal(uninterrupted.Snapshots.Select(s => (s.Iteration, s.Foreground.CountForeground())), resumed.Snapshots.Select(s => (s.Iteration, s.Foreground.CountForeground())));
        Assert.Equal(uninterruptedWeights, resumedWeights);
    }

    [Fact]
    public void ACheckpointOfOtherOptionsIsRefusedNamingIt()
    {
        using var temp = new TempDirectory();
        using FineTuningSequence data = Load();
        using (GwmNetwork network = StartingNetwork())
        using (var tuner = new ConsistencyFineTuner(network, data, Options(2), temp.Path, snapshotFrame: 1))
        {
            tuner.Run();
        }

        using GwmNetwork other = StartingNetwork();
        using var changed = new ConsistencyFineTuner(other, data, Options(2) with { LearningRate = 2e-3 }, temp.Path, snapshotFrame: 1);

        var error = Assert.Throws<VideoSegException>(() => changed.Resume());

        Assert.Contains("finetune_0000002.vsckpt", error.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void ANetworkWithMoreThanTwoMasksIsRefused()
    {
        using var temp = new TempDirectory();
        using FineTuningSequence data = Load();
        using var network = new GwmNetwork(TrainingTestOptions.Tiny(1).EffectiveNetwork with { Queries = 4 });

        var error = Assert.Throws<VideoSegException>(() => new ConsistencyFineTuner(network, data, Options(1), temp.Path, snapshotFrame: 1));

        Assert.Contains("K = 4", error.Message, StringComparison.Ordinal);
    }

    private sealed class CancelAt(int iteration, CancellationTokenSource cancel) : IProgress<FineTuningEvaluationRow>
    {
        public void Report(FineTuningEvaluationRow value)
        {
            if (value.Iteration == iteration)
            {
                cancel.Cancel();
            }
        }
    }

    private static FineTuningOptions Options(int iterations) => new()
    {
        Loss = ConsistencyLossOptions.PaperCode with { OcclusionWeighted = true, DeviationWeight = 0.5 },
        Iterations = iterations,
        BatchSize = 2,
        LearningRate = 1e-3,
        EvaluationPeriod = 2,
        CheckpointPeriod = 2,
        InputHeight = 48,
        InputWidth = 64,
    };

    private static GwmNetwork StartingNetwork()
    {
        manual_seed(5);
        return new GwmNetwork(TrainingTestOptions.Tiny(1).EffectiveNetwork);
    }

    private static Dictionary<string, float[]> Weights(GwmNetwork network) =>
        network.state_dict().ToDictionary(p => p.Key, p => p.Value.to_type(ScalarType.Float32).data<float>().ToArray());

    private FineTuningSequence Load() =>
        FineTuningSequence.Load(_suite.Layout, _suite.Layout.ReadSequences()[0], _suite.FlowsRoot, _suite.Layout.GroundTruthOcclusionsRoot, 48, 64, CPU);
}
