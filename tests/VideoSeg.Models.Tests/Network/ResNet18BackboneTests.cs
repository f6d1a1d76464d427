using System.Collections.Generic;
using System.Linq;
using TorchSharp.Modules;
using VideoSeg.Models.Network;
using VideoSeg.Models.Training;
using Xunit;
using static TorchSharp.torch;

namespace VideoSeg.Models.Tests.Network;

[Collection(nameof(SharedTorchGenerator))]
public sealed class ResNet18BackboneTests
{
    [Fact]
    public void AtGwmsInput_TheFourLevelsAreAtStrides4To32_WithResNetWidths()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        using var backbone = new ResNet18Backbone();

        Tensor[] features = backbone.call(rand(2, 3, 128, 224) * 255);

        Assert.Equal(new long[] { 2, 64, 32, 56 }, features[0].shape);
        Assert.Equal(new long[] { 2, 128, 16, 28 }, features[1].shape);
        Assert.Equal(new long[] { 2, 256, 8, 14 }, features[2].shape);
        Assert.Equal(new long[] { 2, 512, 4, 7 }, features[3].shape);
        Assert.Equal(new[] { 64, 128, 256, 512 }, backbone.OutputChannels);
        Assert.All(features, f => Assert.False(f.requires_grad));
        Assert.Equal(9, backbone.Blocks.Count);
        Assert.Equal("layer4.2", backbone.Blocks[^1].Prefix);
    }

    [Fact]
    public void TheBackbone_IsFrozen_AndStaysInEvaluationModeWhenTheNetworkTrains()
    {
        using var network = new GwmNetwork(GwmNetworkOptions.CpuResNet18);
        network.train();

        Assert.True(network.training);
        Assert.True(network.Backbone.IsFrozen);
        Assert.False(network.Backbone.training);
        Assert.All(((ResNet18Backbone)network.Backbone).BatchNorms(), bn => Assert.False(bn.training));
        Assert.All(network.Backbone.parameters(), p => Assert.False(p.requires_grad));
        Assert.Contains(network.Head.parameters(), p => p.requires_grad);
    }

    [Fact]
    public void ATrainingStep_ChangesTheHead_AndLeavesEveryBackboneTensorUnchanged_BatchNormStatisticsIncluded()
    {
        using var scope = NewDisposeScope();
        manual_seed(5);
        using var network = new GwmNetwork(GwmNetworkOptions.CpuResNet18 with { DecoderLayers = 1 });
        Dictionary<string, Tensor> before = network.Backbone.state_dict().ToDictionary(p => p.Key, p => p.Value.clone());
        Tensor headBefore = network.Head.parameters().First().clone();
        WeightDecayGroups groups = WeightDecayGrouping.Split(network);
        using AdamW optimizer = groups.CreateAdamW(new GwmTrainingOptions { BaseLearningRate = 1e-2 });
        network.train();

        optimizer.zero_grad();
        Tensor logits = network.call(rand(2, 3, 128, 224) * 255);
        logits.square().mean().backward();
        optimizer.step();

        Assert.DoesNotContain(groups.All(), p => network.Backbone.parameters().Any(b => b.Handle == p.Handle));
        foreach ((string key, Tensor value) in network.Backbone.state_dict())
        {
            Assert.True(value.allclose(before[key], rtol: 0, atol: 0), key);
        }

        Assert.False(network.Head.parameters().First().allclose(headBefore, rtol: 0, atol: 0));
    }

    [Fact]
    public void ResNet18Options_PassRgbThroughUnchanged_SoOnlyThePackagesPreprocessingApplies()
    {
        GwmNetworkOptions.CpuResNet18.Validate();
        Assert.Equal(GwmBackboneKind.ResNet18, GwmNetworkOptions.CpuResNet18.Backbone);
        var doubled = GwmNetworkOptions.CpuResNet18 with { PixelMean = [123.675, 116.28, 103.53] };
        Assert.Throws<Core.VideoSegException>(doubled.Validate);
        Assert.Equal("ResNet18 (ImageNet-supervised)", GwmBackboneNames.Label(GwmBackboneNames.Parse("resnet18")));
    }
}
