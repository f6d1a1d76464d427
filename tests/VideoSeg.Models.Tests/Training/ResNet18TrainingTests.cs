using System.Collections.Generic;
using System.Linq;
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
        GwmTrainingOptions options = TrainingTestOptions.Tiny(6) with
        {
            Network = GwmNetworkOptions.CpuResNet18 with { ConvDim = 16, MaskDim = 16, HiddenDim = 32, FeedForwardDim = 64, DecoderLayers = 2 },
        };
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
}
