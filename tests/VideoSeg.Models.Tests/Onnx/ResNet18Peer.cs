using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using VideoSeg.Models.Onnx.Protos;

namespace VideoSeg.Models.Tests.Onnx;

/// <summary>
/// ONNX Runtime on the package's own models, the peer of the agreement tests. For the network it runs a copy whose
/// graph also outputs res2..res5: the value that feeds each stage's 1×1 projection (the end of layer1..layer3) and the
/// value that feeds the global AveragePool (the end of layer4), found by structure as the reader does.
/// </summary>
internal static class ResNet18Peer
{
    /// <summary>Runs the ONNX model <paramref name="model"/> on one float input and returns the named outputs.</summary>
    public static Dictionary<string, float[]> Run(byte[] model, float[] input, long[] shape, IReadOnlyList<string> outputs)
    {
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL, IntraOpNumThreads = 2 };
        using var session = new InferenceSession(model, options);
        string inputName = session.InputMetadata.Keys.Single();
        int[] dims = shape.Select(d => (int)d).ToArray();
        var value = NamedOnnxValue.CreateFromTensor(inputName, new DenseTensor<float>(input, dims));
        using IDisposableReadOnlyCollection<DisposableNamedOnnxValue> results = session.Run([value], outputs.ToArray());
        return results.ToDictionary(r => r.Name, r => r.AsTensor<float>().ToArray(), StringComparer.Ordinal);
    }

    /// <summary>The network's bytes with res2..res5 added as graph outputs, and their names in level order.</summary>
    public static (byte[] Model, string[] Levels) WithLevelOutputs(string modelPath)
    {
        ModelProto model = ModelProto.Parser.ParseFrom(System.IO.File.ReadAllBytes(modelPath));
        GraphProto graph = model.Graph;
        var initializers = graph.Initializer.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        List<string> levels = graph.Node
            .Where(n => n.OpType == "Conv" && initializers.Contains(n.Input[1]) && KernelSide(n) == 1)
            .Select(n => n.Input[0])
            .ToList();
        levels.Add(graph.Node.Single(n => n.OpType == "AveragePool").Input[0]);
        foreach (string level in levels)
        {
            graph.Output.Add(new ValueInfoProto
            {
                Name = level,
                Type = new TypeProto { TensorType = new TypeProtoTensor { ElemType = 1 } },
            });
        }

        return (Google.Protobuf.MessageExtensions.ToByteArray(model), levels.ToArray());
    }

    private static long KernelSide(NodeProto node) => node.Attribute.Single(a => a.Name == "kernel_shape").Ints[0];
}
