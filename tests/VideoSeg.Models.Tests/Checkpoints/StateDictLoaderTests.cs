using System;
using System.Collections.Generic;
using TorchSharp;
using VideoSeg.Core;
using VideoSeg.Models.Checkpoints;
using VideoSeg.TestUtilities;
using Xunit;
using static TorchSharp.torch;

namespace VideoSeg.Models.Tests.Checkpoints;

public sealed class StateDictLoaderTests
{
    [Fact]
    public void TeacherWeightsLoadIntoAModuleThroughTheDinoKeyMap()
    {
        using var temp = new TempDirectory();
        string path = temp.Combine("dino.pth");
        using DisposeScope scope = NewDisposeScope();
        var weights = new Dictionary<string, Tensor>
        {
            ["module.backbone.proj.weight"] = arange(6, dtype: ScalarType.Float32).reshape(2, 3),
            ["module.backbone.proj.bias"] = tensor(new[] { 1.0, 2.0 }),
            ["module.backbone.norm.weight"] = full(2, 3f),
            ["module.backbone.norm.bias"] = full(2, -1f),
            ["module.head.last_layer.weight"] = ones(4, 2),
        };
        PyTorchCheckpointWriter.Write(path, weights, new Dictionary<string, object?> { ["epoch"] = 100 }, nestUnder: "teacher");
        using nn.Module<Tensor, Tensor> net = TinyNet();

        StateDictLoadReport report = StateDictLoader.Load(net, StateDict.Extract(PyTorchCheckpoint.Load(path)), KeyMap.DinoVit, strict: true);

        Assert.Equal(["proj.weight", "proj.bias", "norm.weight", "norm.bias"], report.Loaded);
        Assert.Equal(["module.head.last_layer.weight"], report.Dropped);
        Dictionary<string, Tensor> state = net.state_dict();
        Assert.Equal(new float[] { 0, 1, 2, 3, 4, 5 }, state["proj.weight"].data<float>().ToArray());
        Assert.Equal(new float[] { 1, 2 }, state["proj.bias"].data<float>().ToArray());
        Assert.Equal(new float[] { 3, 3 }, state["norm.weight"].data<float>().ToArray());
    }

    [Fact]
    public void StrictLoadNamesMissingAndUnexpectedKeysAndCopiesNothing()
    {
        using var temp = new TempDirectory();
        string path = temp.Combine("gwm.pth");
        using DisposeScope scope = NewDisposeScope();
        var weights = new Dictionary<string, Tensor> { ["proj.weight"] = ones(2, 3) };
        for (int i = 0; i < 12; i++)
        {
            weights[$"sem_seg_head.predictor.layer{i}.weight"] = ones(1);
        }

        PyTorchCheckpointWriter.Write(path, weights);
        using nn.Module<Tensor, Tensor> net = TinyNet();
        Tensor before = net.state_dict()["proj.weight"].clone();

        VideoSegException error = Assert.Throws<VideoSegException>(() =>
            StateDictLoader.Load(net, StateDict.Extract(PyTorchCheckpoint.Load(path)), KeyMap.Gwm, strict: true, source: path));

        Assert.Equal(ErrorCodes.BadLayout, error.Code);
        Assert.Contains("3 missing keys (proj.bias, norm.weight, norm.bias)", error.Message, StringComparison.Ordinal);
        Assert.Contains("12 unexpected keys (sem_seg_head.predictor.layer0.weight", error.Message, StringComparison.Ordinal);
        Assert.Contains("and 2 more", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.True(before.equal(net.state_dict()["proj.weight"]).all().item<bool>());
    }

    [Fact]
    public void ShapeMismatchFailsStrictLoadAndIsSkippedOtherwise()
    {
        using var temp = new TempDirectory();
        string path = temp.Combine("bad.pth");
        using DisposeScope scope = NewDisposeScope();
        PyTorchCheckpointWriter.Write(path, new Dictionary<string, Tensor>
        {
            ["proj.weight"] = ones(3, 3),
            ["proj.bias"] = full(2, 7f),
        });
        using nn.Module<Tensor, Tensor> net = TinyNet();
        IReadOnlyDictionary<string, CheckpointTensor> loaded = StateDict.Extract(PyTorchCheckpoint.Load(path));

        VideoSegException error = Assert.Throws<VideoSegException>(() => StateDictLoader.Load(net, loaded, KeyMap.Identity, strict: true));
        Assert.Contains("1 shape mismatches (proj.weight: checkpoint [3, 3] vs module [2, 3])", error.Message, StringComparison.Ordinal);

        StateDictLoadReport report = StateDictLoader.Load(net, loaded, KeyMap.Identity, strict: false);
        Assert.Equal(["proj.bias"], report.Loaded);
        Assert.Equal("proj.weight", Assert.Single(report.ShapeMismatches).ModuleKey);
        Assert.Equal(["norm.weight", "norm.bias"], report.Missing);
        Assert.Equal(new float[] { 7, 7 }, net.state_dict()["proj.bias"].data<float>().ToArray());
    }

    [Fact]
    public void DinoKeyMapKeepsVitNamesAndDropsTheHead()
    {
        Assert.Equal("blocks.11.attn.qkv.weight", KeyMap.DinoVit.Apply("module.backbone.blocks.11.attn.qkv.weight"));
        Assert.Equal("blocks.0.mlp.fc2.bias", KeyMap.DinoVit.Apply("blocks.0.mlp.fc2.bias"));
        Assert.Equal("patch_embed.proj.weight", KeyMap.DinoVit.Apply("backbone.patch_embed.proj.weight"));
        Assert.Equal("cls_token", KeyMap.DinoVit.Apply("cls_token"));
        Assert.Null(KeyMap.DinoVit.Apply("head.mlp.0.weight"));
        Assert.Null(KeyMap.DinoVit.Apply("module.head.last_layer.weight_g"));
    }

    [Fact]
    public void RulesApplyInOrderWithRegexGroups()
    {
        KeyMap map = KeyMap.Gwm.Then(new KeyMap(
        [
            KeyMapRule.Prefix("backbone.", "encoder."),
            KeyMapRule.Rewrite(@"^encoder\.blocks\.(\d+)\.", "encoder.layers.$1."),
            KeyMapRule.Drop(@"\.num_batches_tracked$"),
        ]));

        Assert.Equal("encoder.layers.7.norm1.weight", map.Apply("module.backbone.blocks.7.norm1.weight"));
        Assert.Equal("sem_seg_head.predictor.mask_embed.layers.0.weight", map.Apply("sem_seg_head.predictor.mask_embed.layers.0.weight"));
        Assert.Null(map.Apply("sem_seg_head.pixel_decoder.bn.num_batches_tracked"));
    }

    [Fact]
    public void PrefixHelpersSelectAndStrip()
    {
        using var temp = new TempDirectory();
        string path = temp.Combine("p.pth");
        using DisposeScope scope = NewDisposeScope();
        PyTorchCheckpointWriter.Write(path, new Dictionary<string, Tensor>
        {
            ["module.backbone.a"] = ones(1),
            ["module.sem_seg_head.b"] = ones(1),
        });
        IReadOnlyDictionary<string, CheckpointTensor> weights = StateDict.Extract(PyTorchCheckpoint.Load(path));

        Assert.Equal(["backbone.a", "sem_seg_head.b"], StateDict.StripPrefixes(weights, "module.").Keys);
        Assert.Equal(["a"], StateDict.SelectPrefix(StateDict.StripPrefixes(weights, "module."), "backbone.").Keys);
        Assert.Equal(["a", "sem_seg_head.b"], StateDict.StripPrefixes(weights, "module.", "backbone.").Keys);
    }

    private static nn.Module<Tensor, Tensor> TinyNet() =>
        nn.Sequential(("proj", nn.Linear(3, 2)), ("norm", nn.LayerNorm(2)));
}
