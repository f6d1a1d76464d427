using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using VideoSeg.Models.Checkpoints;
using VideoSeg.TestUtilities;
using Xunit;
using static TorchSharp.torch;

namespace VideoSeg.Models.Tests.Checkpoints;

public sealed class CheckpointRoundTripTests
{
    [Fact]
    public void Detectron2StyleCheckpointRoundTripsWithValuesDtypesViewsAndSharedStorage()
    {
        using var temp = new TempDirectory();
        string path = temp.Combine("checkpoint_best.pth");
        using DisposeScope scope = NewDisposeScope();
        Dictionary<string, Tensor> weights = SampleWeights();
        var scheduler = new Dictionary<string, object?>
        {
            ["base_lrs"] = new List<object?> { 1.5e-4 },
            ["last_epoch"] = 19999L,
            ["name"] = "WarmupPolyLR",
            ["verbose"] = false,
            ["window"] = (3, 4.5),
            ["nothing"] = null,
        };
        PyTorchCheckpointWriter.Write(path, weights, new Dictionary<string, object?> { ["iteration"] = 20000, ["scheduler"] = scheduler });

        var root = Assert.IsType<CheckpointDict>(PyTorchCheckpoint.Load(path));
        Assert.Equal(["model", "iteration", "scheduler"], root.Entries.Select(entry => ((CheckpointString)entry.Key).Value));
        Assert.True(root.TryGetValue("iteration", out CheckpointValue iteration));
        Assert.Equal(new CheckpointInteger(20000), iteration);
        Assert.True(root.TryGetValue("scheduler", out CheckpointValue schedulerValue));
        var readScheduler = Assert.IsType<CheckpointDict>(schedulerValue);
        Assert.False(readScheduler.IsOrderedDict);
        Assert.True(readScheduler.TryGetValue("base_lrs", out CheckpointValue lrs));
        Assert.Equal(new CheckpointFloat(1.5e-4), Assert.Single(Assert.IsType<CheckpointList>(lrs).Items));
        Assert.True(readScheduler.TryGetValue("last_epoch", out CheckpointValue epoch));
        Assert.Equal(new CheckpointInteger(19999), epoch);
        Assert.True(readScheduler.TryGetValue("name", out CheckpointValue name));
        Assert.Equal(new CheckpointString("WarmupPolyLR"), name);
        Assert.True(readScheduler.TryGetValue("verbose", out CheckpointValue verbose));
        Assert.Equal(new CheckpointBoolean(false), verbose);
        Assert.True(readScheduler.TryGetValue("window", out CheckpointValue window));
        Assert.Equal([new CheckpointInteger(3), new CheckpointFloat(4.5)], Assert.IsType<CheckpointTuple>(window).Items);
        Assert.True(readScheduler.TryGetValue("nothing", out CheckpointValue nothing));
        Assert.Same(CheckpointNone.Instance, nothing);

        Assert.True(root.TryGetValue("model", out CheckpointValue modelValue));
        var model = Assert.IsType<CheckpointDict>(modelValue);
        Assert.True(model.IsOrderedDict);
        Assert.Equal(weights.Keys, model.Entries.Select(entry => ((CheckpointString)entry.Key).Value));
        foreach ((string key, Tensor expected) in weights)
        {
            Assert.True(model.TryGetValue(key, out CheckpointValue value));
            var reference = Assert.IsType<CheckpointTensor>(value);
            Assert.Equal(expected.dtype, reference.DType);
            Assert.Equal(expected.shape, reference.Shape);
            Assert.Equal(expected.stride(), reference.Strides);
            Assert.Equal(expected.storage_offset(), reference.StorageOffset);
            Tensor actual = reference.ToTorch(CPU);
            Assert.True(actual.is_contiguous());
            Assert.Equal(expected.dtype, actual.dtype);
            Assert.True(expected.equal(actual).all().item<bool>(), $"tensor '{key}' differs after the round trip");
        }

        var transposed = (CheckpointTensor)Lookup(model, "decoder.transposed");
        var row = (CheckpointTensor)Lookup(model, "decoder.row");
        var matrix = (CheckpointTensor)Lookup(model, "decoder.matrix");
        Assert.Equal(matrix.StorageKey, transposed.StorageKey);
        Assert.Equal(matrix.StorageKey, row.StorageKey);
        Assert.Equal(4, row.StorageOffset);
        Assert.NotEqual(matrix.StorageKey, ((CheckpointTensor)Lookup(model, "backbone.weight")).StorageKey);
    }

    [Fact]
    public void PlainStateDictWithoutNestingIsTheRoot()
    {
        using var temp = new TempDirectory();
        string path = temp.Combine("dino.pth");
        using DisposeScope scope = NewDisposeScope();
        PyTorchCheckpointWriter.Write(path, new Dictionary<string, Tensor> { ["cls_token"] = zeros(1, 1, 4) }, nestUnder: null);

        var root = Assert.IsType<CheckpointDict>(PyTorchCheckpoint.Load(path));
        var tensor = Assert.IsType<CheckpointTensor>(Lookup(root, "cls_token"));
        Assert.Equal([1L, 1, 4], tensor.Shape);
        Assert.Equal(0f, tensor.ToTorch().sum().item<float>());
    }

    internal static Dictionary<string, Tensor> SampleWeights()
    {
        Tensor matrix = arange(12, dtype: ScalarType.Float32).reshape(3, 4) / 7f;
        return new Dictionary<string, Tensor>
        {
            ["backbone.weight"] = randn(2, 3, generator: new Generator(7)),
            ["decoder.matrix"] = matrix,
            ["decoder.transposed"] = matrix.t(),
            ["decoder.row"] = matrix[1],
            ["half"] = tensor(new float[] { 0.5f, -2f, 1024f }).to(ScalarType.Float16),
            ["bfloat"] = tensor(new float[] { 0.25f, 3f }).to(ScalarType.BFloat16),
            ["double"] = tensor(new double[] { System.Math.PI, -1e300 }),
            ["long"] = tensor(new long[] { long.MinValue, 5, long.MaxValue }),
            ["int"] = tensor(new int[] { -7, 9 }),
            ["byte"] = tensor(new byte[] { 0, 255, 17 }),
            ["bool"] = tensor(new bool[] { true, false, true }),
            ["scalar"] = tensor(2.5f),
        };
    }

    internal static CheckpointValue Lookup(CheckpointDict dictionary, string key)
    {
        Assert.True(dictionary.TryGetValue(key, out CheckpointValue value), $"missing key '{key}'");
        return value;
    }
}
