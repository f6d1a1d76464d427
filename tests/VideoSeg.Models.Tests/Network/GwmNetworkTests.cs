using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using VideoSeg.Core;
using VideoSeg.Models.Network;
using Xunit;
using static TorchSharp.torch;

namespace VideoSeg.Models.Tests.Network;

[Collection(nameof(SharedTorchGenerator))]
public sealed class GwmNetworkTests
{
    [Theory]
    [InlineData(4)]
    [InlineData(2)]
    public void CpuSmall_MapsImagesToKLogitsAtTheInputResolution(int queries)
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        using var network = new GwmNetwork(GwmNetworkOptions.CpuSmall with { Queries = queries });
        Tensor logits = network.call(NetworkTestHelpers.RandomImages(2, 128, 224));
        Assert.Equal(new long[] { 2, queries, 128, 224 }, logits.shape);
        Assert.True(logits.isfinite().all().ToBoolean());
    }

    [Fact]
    public void Predict_GivesProbabilitiesOverK_WithoutGradients_AndKeepsTheTrainingMode()
    {
        using var scope = NewDisposeScope();
        manual_seed(4);
        using var network = new GwmNetwork(GwmNetworkOptions.CpuSmall);
        network.train();
        Tensor probabilities = network.Predict(NetworkTestHelpers.RandomImages(1, 128, 224));
        Assert.False(probabilities.requires_grad);
        Assert.True(network.training);
        Assert.True(probabilities.sum(1).sub(1).abs().max().ToSingle() < 1e-5f);
    }

    [Fact]
    public void Gradients_ReachTheHeadAndTheTrainableCnn()
    {
        using var scope = NewDisposeScope();
        manual_seed(5);
        using var network = new GwmNetwork(GwmNetworkOptions.CpuSmall);
        network.call(NetworkTestHelpers.RandomImages(1, 128, 224)).square().mean().backward();
        foreach (var (name, parameter) in network.named_parameters())
        {
            // mask_querie_comb is in GWM's checkpoint but unused without deep supervision.
            if (!name.Contains("mask_querie_comb", System.StringComparison.Ordinal))
            {
                Assert.True(parameter.grad is not null, $"{name} got no gradient");
            }
        }
    }

    [Fact]
    public void FrozenVit_GetsNoGradient_WhileTheHeadDoes()
    {
        using var scope = NewDisposeScope();
        manual_seed(6);
        using var network = new GwmNetwork(NetworkTestHelpers.TinyVitNetwork);
        Tensor logits = network.call(NetworkTestHelpers.RandomImages(2, 32, 64));
        Assert.Equal(new long[] { 2, 4, 32, 64 }, logits.shape);
        logits.square().mean().backward();
        Assert.True(network.Backbone.IsFrozen);
        Assert.All(network.Backbone.parameters(), p => Assert.Null(p.grad));
        Assert.All(network.Backbone.parameters(), p => Assert.False(p.requires_grad));
        Assert.All(network.Head.PixelDecoder.parameters(), p => Assert.NotNull(p.grad));
    }

    [Fact]
    public void Initialisation_IsDeterministicUnderManualSeed()
    {
        using var scope = NewDisposeScope();
        manual_seed(42);
        using var first = new GwmNetwork(GwmNetworkOptions.CpuSmall);
        manual_seed(42);
        using var second = new GwmNetwork(GwmNetworkOptions.CpuSmall);
        manual_seed(43);
        using var third = new GwmNetwork(GwmNetworkOptions.CpuSmall);
        var a = first.state_dict();
        var b = second.state_dict();
        var c = third.state_dict();
        Assert.Equal(a.Keys, b.Keys);
        Assert.All(a.Keys, k => Assert.True(a[k].allclose(b[k], rtol: 0, atol: 0), k));
        Assert.Contains(a.Keys, k => !a[k].allclose(c[k], rtol: 0, atol: 0));
    }

    [Fact]
    public void Norms_StartAtUnitWeightAndZeroBias()
    {
        using var scope = NewDisposeScope();
        using var network = new GwmNetwork(GwmNetworkOptions.CpuSmall);
        foreach (var (name, module) in network.named_modules())
        {
            (Tensor? weight, Tensor? bias) = module switch
            {
                GroupNorm g => (g.weight, g.bias),
                LayerNorm l => (l.weight, l.bias),
                _ => (null, null),
            };
            if (weight is not null)
            {
                Assert.True(weight.eq(1).all().ToBoolean(), $"{name}.weight");
                Assert.True(bias!.eq(0).all().ToBoolean(), $"{name}.bias");
            }
        }
    }

    [Fact]
    public void StateDict_UsesGwmsTopLevelNames()
    {
        using var network = new GwmNetwork(GwmNetworkOptions.CpuSmall);
        var keys = NetworkTestHelpers.StateDictKeys(network);
        Assert.Contains("sem_seg_head.pixel_decoder.mask_features.5.norm.weight", keys);
        Assert.Contains("sem_seg_head.predictor.transformer.decoder.layers.5.multihead_attn.in_proj_weight", keys);
        Assert.All(keys, k => Assert.True(k.StartsWith("backbone.", System.StringComparison.Ordinal) || k.StartsWith("sem_seg_head.", System.StringComparison.Ordinal), k));
        Assert.DoesNotContain(keys, k => k.Contains("pixel_mean", System.StringComparison.Ordinal));
    }

    [Fact]
    public void ParameterCounts_OfThePresets()
    {
        using var small = new GwmNetwork(GwmNetworkOptions.CpuSmall);
        long smallCount = NetworkTestHelpers.UniqueParameterCount(small);
        long smallHead = NetworkTestHelpers.UniqueParameterCount(small.Head);
        Assert.Equal(smallCount, smallHead + NetworkTestHelpers.UniqueParameterCount(small.Backbone));
        Assert.InRange(smallCount, 100_000, 2_000_000);
    }

    [Theory]
    [InlineData(130, 226, 1, 1)]
    [InlineData(134, 230, 3, 3)]
    public void InterpolateOrCrop_CentreCropsWithinTenPercent(int height, int width, int top, int left)
    {
        using var scope = NewDisposeScope();
        Tensor logits = arange(height * width, dtype: ScalarType.Float32).reshape(1, 1, height, width);
        Tensor cropped = GwmNetwork.InterpolateOrCrop(logits, 128, 224);
        Assert.Equal(new long[] { 1, 1, 128, 224 }, cropped.shape);
        Assert.Equal((top * width) + left, cropped[0, 0, 0, 0].ToSingle());
    }

    [Fact]
    public void InvalidOptions_AreRejectedWithAVideoSegError()
    {
        var error = Assert.Throws<VideoSegException>(() => (GwmNetworkOptions.CpuSmall with { GroupNormGroups = 5 }).Validate());
        Assert.Equal(ErrorCodes.InvalidArgument, error.Code);
        Assert.Throws<VideoSegException>(() => (GwmNetworkOptions.GwmDino with { FeatureChannels = [768, 768, 768, 256] }).Validate());
        GwmNetworkOptions.GwmDino.Validate();
        GwmNetworkOptions.CpuSmall.Validate();
        Assert.Equal(new[] { 768, 768, 768, 768 }, GwmNetworkOptions.GwmDino.FeatureChannels.ToArray());
    }
}
