using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using TorchSharp;
using VideoSeg.Models.Checkpoints;
using VideoSeg.TestUtilities;
using Xunit;
using static TorchSharp.torch;

namespace VideoSeg.Models.Tests.Checkpoints;

public sealed class PyTorchInteropTests
{
    [SkippableFact]
    public void RealPyTorchLoadsOurCheckpointWithWeightsOnly()
    {
        Skip.IfNot(PythonTorch.IsAvailable, "/usr/bin/python3 with torch is not installed (apt-get install python3-torch).");
        using var temp = new TempDirectory();
        string path = temp.Combine("ours.pth");
        using DisposeScope scope = NewDisposeScope();
        Dictionary<string, Tensor> weights = CheckpointRoundTripTests.SampleWeights();
        string weightsOnlyPath = temp.Combine("weights.pth");
        PyTorchCheckpointWriter.Write(path, weights, new Dictionary<string, object?> { ["iteration"] = 20000, ["scheduler"] = new Dictionary<string, object?> { ["base_lrs"] = new List<object?> { 0.25 } } });

        // PyTorch 1.13's weights-only unpickler rejects every float (BINFLOAT), so the float-free
        // checkpoint goes through it and the one with a learning rate through the ordinary loader.
        PyTorchCheckpointWriter.Write(weightsOnlyPath, weights, new Dictionary<string, object?> { ["iteration"] = 20000 });

        string json = PythonTorch.Run($$$"""
            import json, torch
            full = torch.load({{{JsonSerializer.Serialize(path)}}}, map_location='cpu')
            ck = torch.load({{{JsonSerializer.Serialize(weightsOnlyPath)}}}, map_location='cpu', weights_only=True)
            m = ck['model']
            assert all(torch.equal(m[k], full['model'][k]) for k in m)
            out = {'iteration': ck['iteration'], 'lr': full['scheduler']['base_lrs'][0], 'keys': list(m.keys()),
                   'shared': m['decoder.row'].storage().data_ptr() == m['decoder.matrix'].storage().data_ptr(),
                   'tensors': {k: {'dtype': str(v.dtype), 'shape': list(v.shape), 'stride': list(v.stride()),
                                   'values': [str(x) for x in v.double().flatten().tolist()]} for k, v in m.items()}}
            print(json.dumps(out))
            """);
        using JsonDocument document = JsonDocument.Parse(json);
        JsonElement rootElement = document.RootElement;
        Assert.Equal(20000, rootElement.GetProperty("iteration").GetInt32());
        Assert.Equal(0.25, rootElement.GetProperty("lr").GetDouble());
        Assert.True(rootElement.GetProperty("shared").GetBoolean());
        Assert.Equal(weights.Keys, rootElement.GetProperty("keys").EnumerateArray().Select(key => key.GetString()));
        foreach ((string key, Tensor expected) in weights)
        {
            JsonElement tensor = rootElement.GetProperty("tensors").GetProperty(key);
            Assert.Equal(expected.shape, tensor.GetProperty("shape").EnumerateArray().Select(size => size.GetInt64()));
            Assert.Equal(expected.stride(), tensor.GetProperty("stride").EnumerateArray().Select(stride => stride.GetInt64()));
            Assert.Equal(TorchName(expected.dtype), tensor.GetProperty("dtype").GetString());
            double[] actual = tensor.GetProperty("values").EnumerateArray().Select(value => double.Parse(value.GetString()!, CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(expected.to(ScalarType.Float64).flatten().data<double>().ToArray(), actual);
        }
    }

    [SkippableFact]
    public void CheckpointSavedByRealPyTorchIsReadWithNumpyScalarsParametersAndOptimizerState()
    {
        Skip.IfNot(PythonTorch.IsAvailable, "/usr/bin/python3 with torch is not installed (apt-get install python3-torch).");
        using var temp = new TempDirectory();
        string path = temp.Combine("checkpoint_best.pth");
        PythonTorch.Run($$$"""
            import collections, numpy as np, torch
            torch.manual_seed(0)
            net = torch.nn.Sequential(torch.nn.Conv2d(3, 4, 3), torch.nn.BatchNorm2d(4))
            sd = net.state_dict()
            sd['backbone.pos_embed'] = torch.arange(24.).reshape(2, 3, 4).permute(2, 0, 1)
            sd['half'] = torch.tensor([0.5, -3.0]).half()
            torch.save({'model': sd, 'iteration': np.int64(20000), 'lr': np.float64(0.5), 'flag': True,
                        'param': torch.nn.Parameter(torch.ones(2)),
                        'optimizer': {'state': {0: {'step': 3, 'exp_avg': torch.zeros(2)}}, 'param_groups': [{'params': [0, 1], 'betas': (0.9, 0.999)}]},
                        'scheduler': {'milestones': collections.Counter(), 'name': 'poly'} if False else {'name': 'poly', 'blob': b'ab\xff'}},
                       {{{JsonSerializer.Serialize(path)}}})
            for k, v in sd.items():
                print(k, float(v.double().sum()), v.dtype)
            """);

        var root = Assert.IsType<CheckpointDict>(PyTorchCheckpoint.Load(path));
        Assert.Equal(new CheckpointInteger(20000), CheckpointRoundTripTests.Lookup(root, "iteration"));
        Assert.Equal(new CheckpointFloat(0.5), CheckpointRoundTripTests.Lookup(root, "lr"));
        Assert.Equal(new CheckpointBoolean(true), CheckpointRoundTripTests.Lookup(root, "flag"));
        var parameter = Assert.IsType<CheckpointTensor>(CheckpointRoundTripTests.Lookup(root, "param"));
        Assert.True(parameter.RequiresGrad);
        var scheduler = Assert.IsType<CheckpointDict>(CheckpointRoundTripTests.Lookup(root, "scheduler"));
        Assert.Equal(new byte[] { (byte)'a', (byte)'b', 0xff }, Assert.IsType<CheckpointBytes>(CheckpointRoundTripTests.Lookup(scheduler, "blob")).Value);
        var optimizer = Assert.IsType<CheckpointDict>(CheckpointRoundTripTests.Lookup(root, "optimizer"));
        var state = Assert.IsType<CheckpointDict>(CheckpointRoundTripTests.Lookup(optimizer, "state"));
        Assert.Equal(new CheckpointInteger(0), Assert.Single(state.Entries).Key);

        var model = Assert.IsType<CheckpointDict>(CheckpointRoundTripTests.Lookup(root, "model"));
        Assert.True(model.IsOrderedDict);
        var pos = Assert.IsType<CheckpointTensor>(CheckpointRoundTripTests.Lookup(model, "backbone.pos_embed"));
        Assert.Equal([4L, 2, 3], pos.Shape);
        Assert.Equal([1L, 12, 4], pos.Strides);
        using DisposeScope scope = NewDisposeScope();
        Tensor expected = arange(24, dtype: ScalarType.Float32).reshape(2, 3, 4).permute(2, 0, 1);
        Assert.True(expected.equal(pos.ToTorch()).all().item<bool>());
        var half = Assert.IsType<CheckpointTensor>(CheckpointRoundTripTests.Lookup(model, "half"));
        Assert.Equal(ScalarType.Float16, half.DType);
        Assert.Equal([0.5f, -3f], half.ToTorch().to(ScalarType.Float32).data<float>().ToArray());
        var tracked = Assert.IsType<CheckpointTensor>(CheckpointRoundTripTests.Lookup(model, "1.num_batches_tracked"));
        Assert.Equal(ScalarType.Int64, tracked.DType);
        Assert.Empty(tracked.Shape);
    }

    private static string TorchName(ScalarType type) => type switch
    {
        ScalarType.Float32 => "torch.float32",
        ScalarType.Float16 => "torch.float16",
        ScalarType.BFloat16 => "torch.bfloat16",
        ScalarType.Float64 => "torch.float64",
        ScalarType.Int64 => "torch.int64",
        ScalarType.Int32 => "torch.int32",
        ScalarType.Byte => "torch.uint8",
        ScalarType.Bool => "torch.bool",
        _ => type.ToString(),
    };
}
