using System;
using System.Collections.Generic;
using System.Linq;
using VideoSeg.Core;

namespace VideoSeg.Models.Checkpoints;

/// <summary>Finds and reshapes the state dict inside a checkpoint's object tree.</summary>
public static class StateDict
{
    /// <summary>The keys under which detectron2, generic trainers and DINO keep the weights, in order of preference.</summary>
    public static IReadOnlyList<string> DefaultPreferredKeys { get; } = ["model", "state_dict", "teacher"];

    /// <summary>
    /// Picks the dictionary under the first of <paramref name="preferredKeys"/> that the root holds
    /// (the root itself when none) and flattens its nested dictionaries of tensors into
    /// <c>"a.b.c" → tensor</c>, in file order. Non-tensor leaves are skipped.
    /// </summary>
    /// <param name="root">The checkpoint's object tree.</param>
    /// <param name="preferredKeys">The keys to look under, in order (default <see cref="DefaultPreferredKeys"/>).</param>
    /// <param name="source">The checkpoint file, which an error names.</param>
    /// <returns>The flattened state dict.</returns>
    public static IReadOnlyDictionary<string, CheckpointTensor> Extract(CheckpointValue root, IReadOnlyList<string>? preferredKeys = null, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (root is not CheckpointDict dictionary)
        {
            string file = source is null ? "A checkpoint's" : $"Checkpoint '{source}':";
            throw new VideoSegException(ErrorCodes.BadLayout, $"{file} root is a {Describe(root)}, not a dictionary holding a state dict.", source);
        }

        foreach (string key in preferredKeys ?? DefaultPreferredKeys)
        {
            if (dictionary.TryGetValue(key, out CheckpointValue nested) && nested is CheckpointDict inner)
            {
                dictionary = inner;
                break;
            }
        }

        var result = new OrderedDictionary<string, CheckpointTensor>(StringComparer.Ordinal);
        Flatten(dictionary, string.Empty, result);
        return result;
    }

    /// <summary>Removes each of <paramref name="prefixes"/>, in order, from the keys that start with it (e.g. <c>module.</c>).</summary>
    public static IReadOnlyDictionary<string, CheckpointTensor> StripPrefixes(IReadOnlyDictionary<string, CheckpointTensor> weights, params string[] prefixes)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(prefixes);
        var result = new OrderedDictionary<string, CheckpointTensor>(StringComparer.Ordinal);
        foreach ((string key, CheckpointTensor tensor) in weights)
        {
            string name = key;
            foreach (string prefix in prefixes)
            {
                if (name.StartsWith(prefix, StringComparison.Ordinal))
                {
                    name = name[prefix.Length..];
                }
            }

            if (!result.TryAdd(name, tensor))
            {
                throw new VideoSegException(ErrorCodes.BadLayout, $"Stripping prefixes makes two checkpoint keys '{name}'.");
            }
        }

        return result;
    }

    /// <summary>Keeps only the keys under <paramref name="prefix"/> (e.g. GWM's <c>backbone.</c>), without it.</summary>
    public static IReadOnlyDictionary<string, CheckpointTensor> SelectPrefix(IReadOnlyDictionary<string, CheckpointTensor> weights, string prefix)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(prefix);
        var result = new OrderedDictionary<string, CheckpointTensor>(StringComparer.Ordinal);
        foreach ((string key, CheckpointTensor tensor) in weights.Where(pair => pair.Key.StartsWith(prefix, StringComparison.Ordinal)))
        {
            result.Add(key[prefix.Length..], tensor);
        }

        return result;
    }

    private static string Describe(CheckpointValue value) => value switch
    {
        CheckpointList => "list",
        CheckpointTuple => "tuple",
        CheckpointString => "string",
        CheckpointInteger => "integer",
        CheckpointFloat => "float",
        CheckpointBoolean => "boolean",
        CheckpointNone => "None",
        CheckpointTensor => "tensor",
        _ => value.GetType().Name,
    };

    private static void Flatten(CheckpointDict dictionary, string prefix, OrderedDictionary<string, CheckpointTensor> result)
    {
        foreach (KeyValuePair<CheckpointValue, CheckpointValue> entry in dictionary.Entries)
        {
            string name = prefix + entry.Key switch
            {
                CheckpointString text => text.Value,
                CheckpointInteger integer => integer.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => null,
            };
            if (name.Length == prefix.Length)
            {
                continue;
            }

            switch (entry.Value)
            {
                case CheckpointTensor tensor:
                    result[name] = tensor;
                    break;
                case CheckpointDict nested:
                    Flatten(nested, name + ".", result);
                    break;
            }
        }
    }
}
