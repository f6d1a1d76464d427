using System.Collections.Generic;
using System.Linq;
using VideoSeg.Core;
using VideoSeg.Models.Onnx.Protos;

namespace VideoSeg.Models.Onnx;

/// <summary>One node of an ONNX graph: its operator, its input and output value names, and its attributes.</summary>
public sealed class OnnxNode
{
    private readonly Dictionary<string, AttributeProto> _attributes;

    internal OnnxNode(NodeProto proto, int index, string modelPath)
    {
        Index = index;
        OpType = proto.OpType;
        Name = proto.Name;
        Inputs = proto.Input.ToArray();
        Outputs = proto.Output.ToArray();
        ModelPath = modelPath;
        _attributes = new Dictionary<string, AttributeProto>(System.StringComparer.Ordinal);
        foreach (AttributeProto attribute in proto.Attribute)
        {
            if (!_attributes.TryAdd(attribute.Name, attribute))
            {
                throw new VideoSegException(ErrorCodes.BadLayout, $"ONNX node {Describe()} has the attribute '{attribute.Name}' twice.", modelPath);
            }
        }
    }

    /// <summary>The node's position in the graph's (topologically sorted) node list.</summary>
    public int Index { get; }

    /// <summary>The operator, e.g. <c>Conv</c>.</summary>
    public string OpType { get; }

    /// <summary>The node's name (may be empty).</summary>
    public string Name { get; }

    /// <summary>The names of the values it reads, in the operator's order (empty for an omitted optional input).</summary>
    public IReadOnlyList<string> Inputs { get; }

    /// <summary>The names of the values it produces.</summary>
    public IReadOnlyList<string> Outputs { get; }

    /// <summary>The model file, for error messages.</summary>
    public string ModelPath { get; }

    /// <summary>The names of its attributes.</summary>
    public IEnumerable<string> AttributeNames => _attributes.Keys;

    /// <summary>An integer-list attribute (<c>INTS</c>), or <paramref name="fallback"/> when absent.</summary>
    public IReadOnlyList<long> GetInts(string name, IReadOnlyList<long> fallback) =>
        _attributes.TryGetValue(name, out AttributeProto? attribute) ? attribute.Ints.ToArray() : fallback;

    /// <summary>An integer attribute (<c>INT</c>), or <paramref name="fallback"/> when absent.</summary>
    public long GetInt(string name, long fallback) =>
        _attributes.TryGetValue(name, out AttributeProto? attribute) ? attribute.I : fallback;

    /// <summary>A float attribute (<c>FLOAT</c>), or <paramref name="fallback"/> when absent.</summary>
    public float GetFloat(string name, float fallback) =>
        _attributes.TryGetValue(name, out AttributeProto? attribute) ? attribute.F : fallback;

    /// <summary>A string attribute (<c>STRING</c>, UTF-8), or <paramref name="fallback"/> when absent.</summary>
    public string GetString(string name, string fallback) =>
        _attributes.TryGetValue(name, out AttributeProto? attribute) ? attribute.S.ToStringUtf8() : fallback;

    /// <summary>A tensor attribute (<c>TENSOR</c>, as a <c>Constant</c> node's <c>value</c>), or null when absent.</summary>
    public OnnxTensor? GetTensor(string name) =>
        _attributes.TryGetValue(name, out AttributeProto? attribute) && attribute.T is not null ? new OnnxTensor(attribute.T, ModelPath) : null;

    /// <summary>The node as error messages name it: number, operator, name and output.</summary>
    public string Describe() =>
        $"#{Index} {OpType}" + (Name.Length > 0 ? $" '{Name}'" : string.Empty) + (Outputs.Count > 0 ? $" (output '{Outputs[0]}')" : string.Empty);
}
