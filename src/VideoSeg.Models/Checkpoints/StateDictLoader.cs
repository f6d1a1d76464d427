using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using VideoSeg.Core;
using static TorchSharp.torch;

namespace VideoSeg.Models.Checkpoints;

/// <summary>Copies checkpoint weights into a TorchSharp module's parameters and buffers.</summary>
public static class StateDictLoader
{
    private const int ListedPerKind = 10;

    /// <summary>
    /// Maps every checkpoint key through <paramref name="map"/> and copies the weight into the module's
    /// <c>state_dict()</c> entry of that name (converting the element type and moving it to the entry's
    /// device). With <paramref name="strict"/>, any missing key, unexpected key or shape mismatch fails
    /// the whole load with one error listing them, before anything is copied; otherwise those are
    /// skipped and reported.
    /// </summary>
    public static StateDictLoadReport Load(nn.Module module, IReadOnlyDictionary<string, CheckpointTensor> weights, KeyMap map, bool strict, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        return Load(module, module.state_dict(), weights, map, strict, source);
    }

    /// <summary>
    /// <see cref="Load(nn.Module, IReadOnlyDictionary{string, CheckpointTensor}, KeyMap, bool, string?)"/> into
    /// <paramref name="targets"/>, a part of <paramref name="module"/>'s state dict (e.g.
    /// <see cref="Network.GwmNetwork.CheckpointState"/>): keys outside it are unexpected.
    /// </summary>
    public static StateDictLoadReport Load(nn.Module module, IReadOnlyDictionary<string, Tensor> targets, IReadOnlyDictionary<string, CheckpointTensor> weights, KeyMap map, bool strict, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(map);
        var mapped = new Dictionary<string, (string CheckpointKey, CheckpointTensor Tensor)>(StringComparer.Ordinal);
        var unexpected = new List<string>();
        var dropped = new List<string>();
        var mismatches = new List<ShapeMismatch>();
        foreach ((string checkpointKey, CheckpointTensor tensor) in weights)
        {
            string? moduleKey = map.Apply(checkpointKey);
            if (moduleKey is null)
            {
                dropped.Add(checkpointKey);
                continue;
            }

            if (!targets.TryGetValue(moduleKey, out Tensor? target))
            {
                unexpected.Add(moduleKey == checkpointKey ? moduleKey : $"{moduleKey} (from {checkpointKey})");
                continue;
            }

            if (!mapped.TryAdd(moduleKey, (checkpointKey, tensor)))
            {
                throw new VideoSegException(
                    ErrorCodes.BadLayout,
                    $"Checkpoint keys '{mapped[moduleKey].CheckpointKey}' and '{checkpointKey}' both map to module key '{moduleKey}'.",
                    source);
            }

            if (!tensor.Shape.SequenceEqual(target.shape))
            {
                mismatches.Add(new ShapeMismatch(checkpointKey, moduleKey, tensor.Shape, target.shape));
                mapped.Remove(moduleKey);
            }
        }

        List<string> missing = targets.Keys.Where(key => !mapped.ContainsKey(key) && !mismatches.Any(m => m.ModuleKey == key)).ToList();
        if (strict && (missing.Count > 0 || unexpected.Count > 0 || mismatches.Count > 0))
        {
            throw new VideoSegException(ErrorCodes.BadLayout, Describe(module, missing, unexpected, mismatches, source), source);
        }

        using (no_grad())
        {
            foreach ((string moduleKey, (string _, CheckpointTensor tensor)) in mapped)
            {
                Tensor target = targets[moduleKey];
                using Tensor value = tensor.ToTorch(target.device);
                target.copy_(value);
            }
        }

        return new StateDictLoadReport(mapped.Keys.ToList(), missing, unexpected, dropped, mismatches);
    }

    private static string Describe(nn.Module module, List<string> missing, List<string> unexpected, List<ShapeMismatch> mismatches, string? source)
    {
        var message = new StringBuilder();
        message.Append($"Checkpoint {(source is null ? string.Empty : $"'{source}' ")}does not fit module {module.GetName()}:");
        AppendList(message, "missing keys", missing);
        AppendList(message, "unexpected keys", unexpected);
        AppendList(message, "shape mismatches", mismatches.Select(m => m.ToString()).ToList());
        return message.ToString();
    }

    private static void AppendList(StringBuilder message, string kind, List<string> items)
    {
        if (items.Count == 0)
        {
            return;
        }

        message.Append($" {items.Count} {kind} (");
        message.Append(string.Join(", ", items.Take(ListedPerKind)));
        if (items.Count > ListedPerKind)
        {
            message.Append($", … and {items.Count - ListedPerKind} more");
        }

        message.Append(");");
    }
}
