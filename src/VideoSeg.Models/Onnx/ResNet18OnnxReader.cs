using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using TorchSharp.Modules;
using VideoSeg.Core;
using VideoSeg.Models.Network;
using static TorchSharp.torch;

namespace VideoSeg.Models.Onnx;

/// <summary>
/// Loads the <c>Microsoft.ML.DnnImageFeaturizer.ResNet18</c> package's ONNX models into a <see cref="ResNet18Backbone"/>.
/// The weights' names are CNTK's opaque ones (<c>Parameter10</c>, <c>Constant98</c>), so they are placed by structure:
/// from the graph's data input the reader follows the data flow node by node (stem Conv → BatchNormalization → Relu →
/// MaxPool; then in each of the nine basic blocks the 3×3 Conv and, in a downsampling block, the 1×1 Conv that read the
/// block's input, each followed by its BatchNormalization, the second Conv and BatchNormalization, the residual Add and
/// the Relu; finally the AveragePool that is the graph's output), checking every operator and its kernel, stride,
/// padding, dilation, group and ε against the module. Each Conv's weight and each BatchNormalization's scale, bias, mean
/// and variance are then bound to the module's tensor of that role. Loading is strict and all-or-nothing: an input
/// that names no initializer, a shape that differs from the module's, an initializer or a node the structure does not
/// use, or a module tensor left without a weight, is one <see cref="VideoSegException"/> (<see cref="ErrorCodes.BadLayout"/>)
/// naming each of them, before anything is copied.
/// </summary>
public static class ResNet18OnnxReader
{
    private const int ListedPerKind = 10;
    private const double EpsilonTolerance = 1e-9;

    /// <summary>Loads the weights of <paramref name="model"/> (<c>ResNet18.onnx</c>) into <paramref name="backbone"/>.</summary>
    /// <returns>The number of tensors copied (every Conv weight and BatchNorm tensor: 22 + 22 × 4 = 110 for the package's model).</returns>
    public static int LoadWeights(ResNet18Backbone backbone, OnnxModel model)
    {
        ArgumentNullException.ThrowIfNull(backbone);
        ArgumentNullException.ThrowIfNull(model);
        var walk = new OnnxGraphWalk(model);
        var bindings = new List<(string Initializer, string ModuleKey)>();
        string x = walk.DataInput();

        x = ConvBn(walk, bindings, x, "conv1", "bn1", backbone.Stem, ResNet18Backbone.StemPadding, "the stem's input");
        x = walk.Output(walk.Next(x, "Relu", "the stem's activation"));
        OnnxNode pool = walk.Next(x, "MaxPool", "the stem's pooling");
        walk.RequireInts(pool, "kernel_shape", [3, 3], []);
        walk.RequireInts(pool, "strides", [2, 2], [1, 1]);
        walk.RequireExplicitPads(pool);
        walk.RequireInts(pool, "pads", ResNet18Backbone.PoolPadding.ToOnnx(), [0, 0, 0, 0]);
        x = walk.Output(pool);

        foreach ((string prefix, ResNetBasicBlock block) in backbone.Blocks)
        {
            x = Block(walk, bindings, x, prefix, block);
        }

        OnnxNode average = walk.Next(x, "AveragePool", "the global pooling of layer4's output");
        if (!model.OutputNames.SequenceEqual([walk.Output(average)]))
        {
            throw walk.Error($"The ONNX graph's outputs are {string.Join(", ", model.OutputNames.Select(o => $"'{o}'"))}, expected only the global pooling's '{walk.Output(average)}'");
        }

        return Copy(backbone, model, walk, bindings);
    }

    /// <summary>
    /// Reads <c>ResNetPreprocess.onnx</c>, which must be exactly Split (RGB, axis 1) → Concat (B, G, R) → Sub (a 1×3×224×224
    /// mean image), and loads the mean image into <paramref name="backbone"/>; <see cref="ResNet18Backbone.Preprocess"/>
    /// then reproduces the model.
    /// </summary>
    public static void LoadPreprocessing(ResNet18Backbone backbone, OnnxModel model)
    {
        ArgumentNullException.ThrowIfNull(backbone);
        ArgumentNullException.ThrowIfNull(model);
        var walk = new OnnxGraphWalk(model);
        string input = walk.DataInput();
        OnnxNode split = walk.Next(input, "Split", "the channel split");
        walk.RequireInts(split, "split", [1, 1, 1], [1, 1, 1]);
        if (split.GetInt("axis", 0) != 1 || split.Outputs.Count != 3)
        {
            throw walk.Error($"ONNX node {split.Describe()} must split axis 1 into 3 channels");
        }

        OnnxNode[] concats = walk.Consumers(split.Outputs[0]).Where(node => node.OpType == "Concat").ToArray();
        if (concats.Length != 1)
        {
            throw walk.Error($"Expected one Concat node reading the split channels, found {concats.Length}");
        }

        OnnxNode concat = walk.Take(concats[0]);
        if (concat.GetInt("axis", -1) != 1 || !concat.Inputs.SequenceEqual([split.Outputs[2], split.Outputs[1], split.Outputs[0]]))
        {
            throw walk.Error($"ONNX node {concat.Describe()} must concatenate the split channels in reverse order (RGB → BGR) on axis 1");
        }

        OnnxNode subtract = walk.Next(walk.Output(concat), "Sub", "the mean subtraction");
        if (subtract.Inputs.Count != 2 || !model.OutputNames.SequenceEqual([walk.Output(subtract)]))
        {
            throw walk.Error($"ONNX node {subtract.Describe()} must subtract one mean tensor and be the graph's only output");
        }

        var bindings = new List<(string Initializer, string ModuleKey)> { (subtract.Inputs[1], "mean_image") };
        Copy(backbone, model, walk, bindings, onlyKeys: ["mean_image"]);
    }

    private static string Block(OnnxGraphWalk walk, List<(string, string)> bindings, string input, string prefix, ResNetBasicBlock block)
    {
        string shortcut = input;
        if (block.DownsampleConv is not null)
        {
            // CNTK lists the projection before the main branch; both read the block's input and are told apart by kernel size.
            OnnxNode projection = walk.Next(input, "Conv", $"{prefix}'s 1×1 projection", node => IsKernel(node, 1));
            shortcut = Bn(walk, bindings, projection, $"{prefix}.downsample.0", $"{prefix}.downsample.1", block.DownsampleConv, ConvPadding.Uniform(0));
        }

        OnnxNode first = walk.Next(input, "Conv", $"{prefix}'s first 3×3 convolution", node => IsKernel(node, 3));
        string y = Bn(walk, bindings, first, $"{prefix}.conv1", $"{prefix}.bn1", block.Conv1, block.FirstPadding);
        y = walk.Output(walk.Next(y, "Relu", $"{prefix}'s first activation"));
        y = ConvBn(walk, bindings, y, $"{prefix}.conv2", $"{prefix}.bn2", block.Conv2, ConvPadding.Uniform(1), $"{prefix}'s second convolution");
        OnnxNode add = walk.Next(y, "Add", $"{prefix}'s residual sum");
        if (add.Inputs.Count != 2 || add.Inputs[1] != shortcut)
        {
            throw walk.Error($"ONNX node {add.Describe()} must add {prefix}'s shortcut '{shortcut}'");
        }

        return walk.Output(walk.Next(walk.Output(add), "Relu", $"{prefix}'s output activation"));
    }

    private static bool IsKernel(OnnxNode node, long side) => node.GetInts("kernel_shape", []).SequenceEqual([side, side]);

    private static string ConvBn(OnnxGraphWalk walk, List<(string, string)> bindings, string input, string convKey, string bnKey, Conv2d conv, ConvPadding padding, string role) =>
        Bn(walk, bindings, walk.Next(input, "Conv", role), convKey, bnKey, conv, padding);

    private static string Bn(OnnxGraphWalk walk, List<(string, string)> bindings, OnnxNode convNode, string convKey, string bnKey, Conv2d conv, ConvPadding padding)
    {
        long[] kernel = conv.weight!.shape[2..];
        walk.RequireInts(convNode, "kernel_shape", kernel, kernel);
        walk.RequireInts(convNode, "strides", [conv.stride[0], conv.stride[1]], [1, 1]);
        walk.RequireInts(convNode, "dilations", [1, 1], [1, 1]);
        walk.RequireExplicitPads(convNode);
        walk.RequireInts(convNode, "pads", padding.ToOnnx(), [0, 0, 0, 0]);
        if (convNode.GetInt("group", 1) != 1)
        {
            throw walk.Error($"ONNX node {convNode.Describe()} is a grouped convolution; ResNet18's are not");
        }

        // A bias input has no place in the module (its convolutions have none) and is reported as an extra tensor.
        bindings.Add((Input(walk, convNode, 1), convKey + ".weight"));
        OnnxNode bn = walk.Next(walk.Output(convNode), "BatchNormalization", $"the normalisation of {convKey}");
        double epsilon = bn.GetFloat("epsilon", 1e-5f);
        if (Math.Abs(epsilon - ResNetBasicBlock.BatchNormEpsilon) > EpsilonTolerance || bn.GetInt("spatial", 1) != 1)
        {
            throw walk.Error($"ONNX node {bn.Describe()} has epsilon {epsilon} (spatial {bn.GetInt("spatial", 1)}), expected {ResNetBasicBlock.BatchNormEpsilon} per channel");
        }

        string[] roles = ["weight", "bias", "running_mean", "running_var"];
        for (int i = 0; i < roles.Length; i++)
        {
            bindings.Add((Input(walk, bn, i + 1), $"{bnKey}.{roles[i]}"));
        }

        return walk.Output(bn);
    }

    private static string Input(OnnxGraphWalk walk, OnnxNode node, int index) =>
        index < node.Inputs.Count && node.Inputs[index].Length > 0
            ? node.Inputs[index]
            : throw walk.Error($"ONNX node {node.Describe()} has no input {index}");

    private static int Copy(ResNet18Backbone backbone, OnnxModel model, OnnxGraphWalk walk, List<(string Initializer, string ModuleKey)> bindings, IReadOnlyCollection<string>? onlyKeys = null)
    {
        Dictionary<string, Tensor> targets = backbone.state_dict();
        var missing = new List<string>();
        var mismatched = new List<string>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        var copies = new List<(OnnxTensor Source, Tensor Target)>();
        foreach ((string initializer, string moduleKey) in bindings)
        {
            Tensor target = targets[moduleKey];
            if (!model.Initializers.TryGetValue(initializer, out OnnxTensor? source))
            {
                missing.Add($"'{initializer}' (for {moduleKey}, {OnnxTensor.FormatShape(target.shape)})");
                continue;
            }

            used.Add(initializer);
            if (!source.Shape.SequenceEqual(target.shape))
            {
                mismatched.Add($"'{initializer}' is {source.ShapeText}, {moduleKey} needs {OnnxTensor.FormatShape(target.shape)}");
                continue;
            }

            copies.Add((source, target));
        }

        // A projection conv's bias or any other initializer the structure does not read is an extra tensor, as is a node it does not visit.
        List<string> extra = model.InitializerNames.Where(name => !used.Contains(name)).Select(name => $"'{name}' {model.Initializers[name].ShapeText}").ToList();
        List<string> extraNodes = walk.Unvisited().Select(node => node.Describe()).ToList();
        IEnumerable<string> expectedKeys = onlyKeys ?? targets.Keys.Where(key => !key.EndsWith(".num_batches_tracked", StringComparison.Ordinal) && key != "mean_image");
        List<string> unbound = expectedKeys.Where(key => !bindings.Any(b => b.ModuleKey == key)).ToList();
        if (missing.Count + mismatched.Count + extra.Count + extraNodes.Count + unbound.Count > 0)
        {
            var message = new StringBuilder($"The ONNX model does not fit {nameof(ResNet18Backbone)}:");
            Append(message, "missing initializers", missing);
            Append(message, "shape mismatches", mismatched);
            Append(message, "extra initializers", extra);
            Append(message, "nodes outside the ResNet18 structure", extraNodes);
            Append(message, "module tensors without a weight", unbound);
            throw new VideoSegException(ErrorCodes.BadLayout, message.ToString().TrimEnd(';') + ".", model.Path);
        }

        using (no_grad())
        {
            foreach ((OnnxTensor source, Tensor target) in copies)
            {
                using Tensor value = source.ToTorch();
                target.copy_(value);
            }
        }

        return copies.Count;
    }

    private static void Append(StringBuilder message, string kind, List<string> items)
    {
        if (items.Count == 0)
        {
            return;
        }

        message.Append(' ').Append(items.Count).Append(' ').Append(kind).Append(": ").Append(string.Join(", ", items.Take(ListedPerKind)));
        if (items.Count > ListedPerKind)
        {
            message.Append(", …");
        }

        message.Append(';');
    }
}
