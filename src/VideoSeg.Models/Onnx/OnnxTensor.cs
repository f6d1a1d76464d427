using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;
using VideoSeg.Core;
using VideoSeg.Models.Onnx.Protos;
using static TorchSharp.torch;

namespace VideoSeg.Models.Onnx;

/// <summary>
/// A float tensor stored in an ONNX model (an initializer, or a <c>Constant</c> node's value). The data stays in the
/// parsed message until <see cref="ToFloats"/> or <see cref="ToTorch"/> copies it out, checked against the shape.
/// </summary>
public sealed class OnnxTensor
{
    /// <summary>ONNX's <c>TensorProto.DataType.FLOAT</c>.</summary>
    internal const int FloatDataType = 1;

    private readonly TensorProto _proto;

    internal OnnxTensor(TensorProto proto, string modelPath)
    {
        _proto = proto;
        ModelPath = modelPath;
        Shape = proto.Dims.ToArray();
    }

    /// <summary>The tensor's name in the graph.</summary>
    public string Name => _proto.Name;

    /// <summary>The size of every dimension.</summary>
    public long[] Shape { get; }

    /// <summary>The model file the tensor was read from, for error messages.</summary>
    public string ModelPath { get; }

    /// <summary>The number of elements the shape declares.</summary>
    public long ElementCount => Shape.Aggregate(1L, (product, size) => checked(product * size));

    /// <summary>The shape written as ONNX tools print it, e.g. <c>[64, 3, 7, 7]</c>.</summary>
    public string ShapeText => FormatShape(Shape);

    /// <summary>Formats a shape as <c>[a, b, …]</c>.</summary>
    public static string FormatShape(IEnumerable<long> shape) => "[" + string.Join(", ", shape) + "]";

    /// <summary>
    /// The values in row-major order, from <c>raw_data</c> (little-endian) or <c>float_data</c>. Throws
    /// <see cref="VideoSegException"/> (<see cref="ErrorCodes.BadLayout"/>) naming the tensor when it is not float32,
    /// is stored outside the file, or holds a different number of values than its shape declares.
    /// </summary>
    public float[] ToFloats()
    {
        if (_proto.DataType != FloatDataType)
        {
            throw Error($"has ONNX data type {_proto.DataType}, expected {FloatDataType} (float32)");
        }

        if (_proto.DataLocation != 0)
        {
            throw Error("keeps its data in an external file, which VideoSeg does not read");
        }

        if (Shape.Any(size => size < 0))
        {
            throw Error($"has a negative dimension in {ShapeText}");
        }

        long count = ElementCount;
        if (!_proto.RawData.IsEmpty)
        {
            ReadOnlySpan<byte> raw = _proto.RawData.Span;
            if (raw.Length != count * sizeof(float))
            {
                throw Error($"holds {raw.Length} bytes of raw data, but its shape {ShapeText} needs {count * sizeof(float)}");
            }

            var values = new float[count];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = BinaryPrimitives.ReadSingleLittleEndian(raw.Slice(i * sizeof(float), sizeof(float)));
            }

            return values;
        }

        if (_proto.FloatData.Count != count)
        {
            throw Error($"holds {_proto.FloatData.Count} values, but its shape {ShapeText} needs {count}");
        }

        return _proto.FloatData.ToArray();
    }

    /// <summary>The values as a float32 tensor of <see cref="Shape"/> on the CPU (see <see cref="ToFloats"/> for the checks).</summary>
    public Tensor ToTorch() => tensor(ToFloats(), Shape);

    private VideoSegException Error(string message) =>
        new(ErrorCodes.BadLayout, $"ONNX tensor '{Name}' {message}.", ModelPath);
}
