using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using VideoSeg.Core;
using VideoSeg.Models.Checkpoints;
using VideoSeg.Models.Inference;
using VideoSeg.Models.Network;
using VideoSeg.Models.Onnx;
using VideoSeg.Models.Tests.Network;
using VideoSeg.Models.Training;
using VideoSeg.TestUtilities;
using Xunit;
using static TorchSharp.torch;

namespace VideoSeg.Models.Tests.Training;

[Collection(nameof(SharedTorchGenerator))]
public sealed class ResNet18TrainingTests : IClassFixture<TinySuiteFixture>
{
    private readonly TinySuiteFixture _suite;

    public ResNet18TrainingTests(TinySuiteFixture suite) => _suite = suite;

    [Fact]
    public void TrainingOnTheResNet18_LoadsThePackage_CachesEachFrameOnce_AndNeverChangesTheBackbone()
    {
        using var output = new TempDirectory();
        GwmTrainingOptions options = TrainingTestOptions.TinyResNet18(6);
        using var trainer = new GwmTrainer(options, _suite.Layout, _suite.FlowsRoot, output.Path);
        var backbone = (ResNet18Backbone)trainer.Network.Backbone;
        using var scope = NewDisposeScope();
        Dictionary<string, Tensor> before = backbone.state_dict().ToDictionary(p => p.Key, p => p.Value.clone());

        // The weights are the package's, not the random initialisation.
        var onnx = OnnxModel.Read(ResNet18Package.Locate().ModelPath);
        Assert.True(backbone.Stem.weight!.allclose(onnx.Initializers[onnx.Nodes[0].Inputs[1]].ToTorch(), rtol: 0, atol: 0));

        TrainingResult result = trainer.Train();

        Assert.Equal(6, result.Iterations);
        Assert.True(result.LossCurve.All(r => double.IsFinite(r.Loss)));
        BackboneFeatureCache cache = trainer.FeatureCache!;
        int frames = _suite.Layout.ReadSequences().Sum(s => System.IO.Directory.GetFiles(System.IO.Path.Combine(_suite.Layout.FramesRoot, s)).Length);
        Assert.Equal(6 * 4, cache.Hits + cache.Misses);
        // A frame drawn twice within one batch is computed once per occurrence but kept once.
        Assert.InRange(cache.Misses, cache.Count, cache.Count + (6 * 3));
        Assert.InRange(cache.Count, 1, frames);
        foreach ((string key, Tensor value) in backbone.state_dict())
        {
            Assert.True(value.allclose(before[key], rtol: 0, atol: 0), key);
        }
    }

    [Fact]
    public void CheckpointsLeaveTheFrozenBackboneOut_AndTheExportLoadsBackOnThePackagesWeights()
    {
        using var output = new TempDirectory();
        GwmTrainingOptions options = TrainingTestOptions.TinyResNet18(4);
        using var trainer = new GwmTrainer(options, _suite.Layout, _suite.FlowsRoot, output.Path);
        TrainingResult result = trainer.Train();

        // The export holds the head only, and names the package weights the head was trained on.
        CheckpointValue root = GwmCheckpoints.ReadRoot(result.ExportPath, "export");
        IReadOnlyDictionary<string, CheckpointTensor> weights = StateDict.Extract(root);
        Assert.DoesNotContain(weights.Keys, key => key.StartsWith(GwmNetwork.BackbonePrefix, StringComparison.Ordinal));
        Assert.Equal(trainer.Network.CheckpointState().Keys.Order(), weights.Keys.Order());
        Assert.Equal(ResNet18Package.Locate().ComputeHash(), GwmCheckpoints.BackboneHash(root));
        long backboneBytes = trainer.Network.Backbone.state_dict().Values.Sum(t => t.NumberOfElements * t.ElementSize);
        Assert.True(new FileInfo(result.ExportPath).Length < backboneBytes / 4, $"export {new FileInfo(result.ExportPath).Length} bytes, backbone {backboneBytes}");
        Assert.True(new FileInfo(result.CheckpointPath).Length < backboneBytes / 2, $"resume file {new FileInfo(result.CheckpointPath).Length} bytes, backbone {backboneBytes}");

        using var scope = NewDisposeScope();
        Tensor images = rand(2, 3, options.InputHeight, options.InputWidth) * 255;
        Tensor expected = trainer.Network.Predict(images);
        using GwmNetwork loaded = GwmSegmenter.LoadNetwork(result.ExportPath, options.EffectiveNetwork, CPU);
        Assert.True(loaded.Predict(images).allclose(expected, rtol: 0, atol: 1e-6));
    }

    [Fact]
    public void AnExportTrainedOnOtherBackboneWeights_IsRefusedByName()
    {
        using var output = new TempDirectory();
        GwmTrainingOptions options = TrainingTestOptions.TinyResNet18(1);
        using var trainer = new GwmTrainer(options, _suite.Layout, _suite.FlowsRoot, output.Path);
        string path = Path.Combine(output.Path, "other-weights.pth");
        PyTorchCheckpointWriter.Write(path, trainer.Network.CheckpointState(), new Dictionary<string, object?> { [GwmCheckpoints.BackboneHashEntry] = "0123abcd" });

        var ex = Assert.Throws<VideoSegException>(() => GwmSegmenter.LoadNetwork(path, options.EffectiveNetwork, CPU));

        Assert.Contains("trained on the ResNet18 weights 0123abcd", ex.Message, StringComparison.Ordinal);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AResNet18TrainingResumesFromItsHeadOnlyCheckpoint_AsIfUninterrupted()
    {
        using var straight = new TempDirectory();
        using var interrupted = new TempDirectory();
        GwmTrainingOptions options = TrainingTestOptions.TinyResNet18(8);
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
                if (p.Iteration == 4)
                {
                    cancellation.Cancel();
                }
            });
            Assert.ThrowsAny<OperationCanceledException>(() => trainer.Train(progress, cancellation.Token));
        }

        using var resumed = new GwmTrainer(options, _suite.Layout, _suite.FlowsRoot, interrupted.Path);
        Assert.True(resumed.Resume());
        Assert.Equal(4, resumed.Iteration);
        IReadOnlyList<LossCurveRow> curve = resumed.Train().LossCurve;
        Assert.Equal(8, curve.Count);
        for (int i = 0; i < 8; i++)
        {
            Assert.Equal(reference[i].Loss, curve[i].Loss, 6);
        }
    }
}
