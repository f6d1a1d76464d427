using System;
using System.Collections.Generic;
using System.Linq;
using VideoSeg.Core;

namespace VideoSeg.Models.Onnx;

/// <summary>
/// Follows an ONNX graph's data flow from value to consuming node, the way a structural mapping needs it when weight
/// names carry no meaning: <see cref="Next(string, string, string)"/> takes the one node of an operator that reads a value, and every node
/// taken is marked, so that <see cref="Unvisited"/> names the nodes a mapping did not account for. A graph that
/// differs from the expected structure is one <see cref="VideoSegException"/> (<see cref="ErrorCodes.BadLayout"/>)
/// naming the node and what was expected.
/// </summary>
internal sealed class OnnxGraphWalk
{
    private readonly OnnxModel _model;
    private readonly Dictionary<string, List<OnnxNode>> _consumers = new(StringComparer.Ordinal);
    private readonly HashSet<int> _visited = [];

    public OnnxGraphWalk(OnnxModel model)
    {
        _model = model;
        foreach (OnnxNode node in model.Nodes)
        {
            foreach (string input in node.Inputs.Distinct(StringComparer.Ordinal))
            {
                if (!_consumers.TryGetValue(input, out List<OnnxNode>? list))
                {
                    _consumers[input] = list = [];
                }

                list.Add(node);
            }
        }
    }

    /// <summary>The graph's one data input: the declared input that is not an initializer (IR 3 lists initializers as inputs too).</summary>
    public string DataInput()
    {
        string[] inputs = _model.InputNames.Where(name => !_model.Initializers.ContainsKey(name)).ToArray();
        return inputs.Length == 1
            ? inputs[0]
            : throw Error($"The ONNX graph has {inputs.Length} data inputs ({string.Join(", ", inputs.Select(i => $"'{i}'"))}); a ResNet featurizer has one");
    }

    /// <summary>The nodes of any operator that read <paramref name="value"/>, in graph order.</summary>
    public IReadOnlyList<OnnxNode> Consumers(string value) =>
        _consumers.TryGetValue(value, out List<OnnxNode>? list) ? list : [];

    /// <summary>Takes the one <paramref name="opType"/> node that reads <paramref name="value"/> as its first input.</summary>
    public OnnxNode Next(string value, string opType, string role) => Next(value, opType, role, static _ => true);

    /// <summary>
    /// Takes the one <paramref name="opType"/> node that reads <paramref name="value"/> as its first input and satisfies
    /// <paramref name="filter"/> (a Conv's kernel size, where two convolutions read the same value).
    /// </summary>
    public OnnxNode Next(string value, string opType, string role, Func<OnnxNode, bool> filter)
    {
        OnnxNode[] matches = Consumers(value).Where(node => node.OpType == opType && node.Inputs.Count > 0 && node.Inputs[0] == value && !_visited.Contains(node.Index) && filter(node)).ToArray();
        if (matches.Length != 1)
        {
            string found = string.Join(", ", Consumers(value).Select(node => node.Describe()));
            throw Error($"Expected one {opType} node reading '{value}' as {role}, found {matches.Length} (readers: {(found.Length == 0 ? "none" : found)})");
        }

        return Take(matches[0]);
    }

    /// <summary>Marks <paramref name="node"/> as accounted for; a node taken twice is a structural error.</summary>
    public OnnxNode Take(OnnxNode node)
    {
        if (!_visited.Add(node.Index))
        {
            throw Error($"ONNX node {node.Describe()} is reached twice by the ResNet structure");
        }

        return node;
    }

    /// <summary>The single output of <paramref name="node"/>.</summary>
    public string Output(OnnxNode node) =>
        node.Outputs.Count == 1 ? node.Outputs[0] : throw Error($"ONNX node {node.Describe()} has {node.Outputs.Count} outputs, expected 1");

    /// <summary>The nodes no mapping has taken, in graph order.</summary>
    public IEnumerable<OnnxNode> Unvisited() => _model.Nodes.Where(node => !_visited.Contains(node.Index));

    /// <summary>A structural error about this model.</summary>
    public VideoSegException Error(string message) => new(ErrorCodes.BadLayout, message + ".", _model.Path);

    /// <summary>Throws unless <paramref name="node"/>'s integer-list attribute equals <paramref name="expected"/> (absent counts as <paramref name="fallback"/>).</summary>
    public void RequireInts(OnnxNode node, string attribute, IReadOnlyList<long> expected, IReadOnlyList<long> fallback)
    {
        IReadOnlyList<long> actual = node.GetInts(attribute, fallback);
        if (!actual.SequenceEqual(expected))
        {
            throw Error($"ONNX node {node.Describe()} has {attribute} {OnnxTensor.FormatShape(actual)}, expected {OnnxTensor.FormatShape(expected)}");
        }
    }

    /// <summary>Throws unless <paramref name="node"/> pads explicitly (<c>auto_pad</c> absent or <c>NOTSET</c>), as the mapping reads <c>pads</c>.</summary>
    public void RequireExplicitPads(OnnxNode node)
    {
        string autoPad = node.GetString("auto_pad", "NOTSET");
        if (autoPad is not ("NOTSET" or ""))
        {
            throw Error($"ONNX node {node.Describe()} has auto_pad '{autoPad}'; VideoSeg reads explicit pads only");
        }
    }
}
