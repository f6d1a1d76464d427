using System;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace VideoSeg.Models.Checkpoints;

/// <summary>The storage classes a checkpoint may name (<c>torch.FloatStorage</c> …) and their element types.</summary>
internal static class TorchStorageTypes
{
    private static readonly Dictionary<string, ScalarType> s_byName = new(StringComparer.Ordinal)
    {
        ["FloatStorage"] = ScalarType.Float32,
        ["HalfStorage"] = ScalarType.Float16,
        ["BFloat16Storage"] = ScalarType.BFloat16,
        ["DoubleStorage"] = ScalarType.Float64,
        ["LongStorage"] = ScalarType.Int64,
        ["IntStorage"] = ScalarType.Int32,
        ["ShortStorage"] = ScalarType.Int16,
        ["CharStorage"] = ScalarType.Int8,
        ["ByteStorage"] = ScalarType.Byte,
        ["BoolStorage"] = ScalarType.Bool,
        // An untyped storage counts bytes; the tensor built on it decides what they mean.
        ["UntypedStorage"] = ScalarType.Byte,
    };

    /// <summary>Whether <c>module.name</c> is a storage class this reader accepts.</summary>
    public static bool TryGetElementType(string module, string name, out ScalarType type)
    {
        type = ScalarType.Float32;
        bool moduleOk = module == "torch" || (module == "torch.storage" && name == "UntypedStorage");
        return moduleOk && s_byName.TryGetValue(name, out type);
    }

    /// <summary>The storage class name PyTorch writes for an element type.</summary>
    public static string NameOf(ScalarType type)
    {
        foreach (KeyValuePair<string, ScalarType> pair in s_byName)
        {
            if (pair.Value == type && pair.Key != "UntypedStorage")
            {
                return pair.Key;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(type), type, "PyTorch has no storage class for this element type.");
    }

    /// <summary>Bytes per element.</summary>
    public static int ElementSize(ScalarType type) => type switch
    {
        ScalarType.Float64 or ScalarType.Int64 => 8,
        ScalarType.Float32 or ScalarType.Int32 => 4,
        ScalarType.Float16 or ScalarType.BFloat16 or ScalarType.Int16 => 2,
        ScalarType.Int8 or ScalarType.Byte or ScalarType.Bool => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unsupported checkpoint element type."),
    };
}
