using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Google.Protobuf;
using VideoSeg.Core;
using VideoSeg.Models.Onnx.Protos;

namespace VideoSeg.Models.Onnx;

/// <summary>
/// An ONNX model file parsed with Google.Protobuf against VideoSeg's subset of ONNX's schema
/// (<c>Onnx/onnx_subset.proto</c>): the graph's nodes in their stored, topologically sorted order, its initializers
/// by name, and its input and output names. Weights are read, never executed.
/// </summary>
public sealed class OnnxModel
{
    private readonly ModelProto _proto;

    private OnnxModel(ModelProto proto, string path)
    {
        _proto = proto;
        Path = path;
        GraphProto graph = proto.Graph ?? throw new VideoSegException(ErrorCodes.BadLayout, "The ONNX model has no graph.", path);
        Nodes = graph.Node.Select((node, index) => new OnnxNode(node, index, path)).ToArray();
        var initializers = new Dictionary<string, OnnxTensor>(StringComparer.Ordinal);
        foreach (TensorProto tensor in graph.Initializer)
        {
            if (!initializers.TryAdd(tensor.Name, new OnnxTensor(tensor, path)))
            {
                throw new VideoSegException(ErrorCodes.BadLayout, $"The ONNX model has two initializers named '{tensor.Name}'.", path);
            }
        }

        Initializers = initializers;
        InitializerNames = graph.Initializer.Select(tensor => tensor.Name).ToArray();
        InputNames = graph.Input.Select(value => value.Name).ToArray();
        OutputNames = graph.Output.Select(value => value.Name).ToArray();
    }

    /// <summary>The file the model was read from.</summary>
    public string Path { get; }

    /// <summary>The tool that wrote the model, e.g. <c>CNTK 2.6</c>.</summary>
    public string Producer => (_proto.ProducerName + " " + _proto.ProducerVersion).Trim();

    /// <summary>The version of the default (<c>ai.onnx</c>) operator set, or 0 when the model imports none.</summary>
    public long OpsetVersion => _proto.OpsetImport.Where(o => o.Domain.Length == 0 || o.Domain == "ai.onnx").Select(o => o.Version).DefaultIfEmpty(0).Max();

    /// <summary>The graph's nodes in stored order, which ONNX requires to be topological.</summary>
    public IReadOnlyList<OnnxNode> Nodes { get; }

    /// <summary>The graph's initializers (its stored weights) by name.</summary>
    public IReadOnlyDictionary<string, OnnxTensor> Initializers { get; }

    /// <summary>The initializers' names in stored order.</summary>
    public IReadOnlyList<string> InitializerNames { get; }

    /// <summary>The graph's declared inputs (in older IR versions these include the initializers).</summary>
    public IReadOnlyList<string> InputNames { get; }

    /// <summary>The graph's declared outputs.</summary>
    public IReadOnlyList<string> OutputNames { get; }

    /// <summary>
    /// Reads and parses <paramref name="path"/>. A missing file is <see cref="ErrorCodes.MissingFile"/>; bytes that are
    /// not an ONNX model, or a model without a graph, are <see cref="ErrorCodes.BadLayout"/>, both naming the file.
    /// </summary>
    public static OnnxModel Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new VideoSegException(ErrorCodes.MissingFile, "The ONNX model file does not exist.", path);
        }

        try
        {
            using FileStream stream = File.OpenRead(path);
            return new OnnxModel(ModelProto.Parser.ParseFrom(stream), path);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new VideoSegException(ErrorCodes.BadLayout, $"Not an ONNX model: {ex.Message}", path, ex);
        }
    }
}
