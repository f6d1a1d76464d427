using System;
using System.Buffers.Binary;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;
using VideoSeg.Core.Imaging;

namespace VideoSeg.Core.Formats;

/// <summary>
/// Reads flows saved by SSL-VOS (and the paper's code) with <c>numpy.save</c>: a C-order
/// little-endian float32 array of shape (H, W, 2), u then v, in pixels.
/// </summary>
public static partial class NpyFlowFormat
{
    /// <summary>Reads an H×W×2 float32 .npy file.</summary>
    public static FlowField Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new VideoSegException(ErrorCodes.MissingFile, $"flow file not found: expected a float32 H×W×2 .npy file at '{path}'", path);
        }

        return Parse(File.ReadAllBytes(path), path);
    }

    /// <summary>Parses .npy bytes; <paramref name="source"/> names the origin in error messages.</summary>
    public static FlowField Parse(ReadOnlySpan<byte> bytes, string source)
    {
        if (bytes.Length < 10 || bytes[0] != 0x93 || !bytes[1..6].SequenceEqual("NUMPY"u8))
        {
            throw new VideoSegException(ErrorCodes.CorruptNpy, $"'{source}' is not a .npy file: expected the magic \\x93NUMPY", source);
        }

        int major = bytes[6];
        int headerLength;
        int headerStart;
        if (major == 1)
        {
            headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes[8..]);
            headerStart = 10;
        }
        else
        {
            headerLength = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes[8..]);
            headerStart = 12;
        }

        if (headerStart + headerLength > bytes.Length)
        {
            throw new VideoSegException(ErrorCodes.CorruptNpy, $"'{source}' is truncated inside its header", source);
        }

        string header = Encoding.ASCII.GetString(bytes.Slice(headerStart, headerLength));
        Match descr = DescrRegex().Match(header);
        Match shape = ShapeRegex().Match(header);
        if (!descr.Success || descr.Groups[1].Value != "<f4" || header.Contains("'fortran_order': True", StringComparison.Ordinal) || !shape.Success)
        {
            throw new VideoSegException(ErrorCodes.CorruptNpy, $"'{source}' has header {header.Trim()}; expected a C-order '<f4' array of shape (H, W, 2)", source);
        }

        string[] dims = shape.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (dims.Length != 3 || dims[2] != "2")
        {
            throw new VideoSegException(ErrorCodes.CorruptNpy, $"'{source}' has shape ({shape.Groups[1].Value}); expected (H, W, 2)", source);
        }

        int height = int.Parse(dims[0]);
        int width = int.Parse(dims[1]);
        ReadOnlySpan<byte> payload = bytes[(headerStart + headerLength)..];
        if (payload.Length != 8L * width * height)
        {
            throw new VideoSegException(ErrorCodes.CorruptNpy, $"'{source}' holds {payload.Length} data bytes; shape ({height}, {width}, 2) needs {8L * width * height}", source);
        }

        var data = new float[width * height * 2];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = BinaryPrimitives.ReadSingleLittleEndian(payload[(4 * i)..]);
            if (!float.IsFinite(data[i]))
            {
                throw new VideoSegException(ErrorCodes.CorruptNpy, $"'{source}' holds a non-finite value at element {i}", source);
            }
        }

        return new FlowField(width, height, data);
    }

    /// <summary>Encodes a flow as a version 1.0 .npy file (used by tests and exports).</summary>
    public static byte[] Encode(FlowField flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        string header = $"{{'descr': '<f4', 'fortran_order': False, 'shape': ({flow.Height}, {flow.Width}, 2), }}";
        int total = 10 + header.Length + 1;
        int padding = (64 - (total % 64)) % 64;
        header = header + new string(' ', padding) + "\n";
        var bytes = new byte[10 + header.Length + (4 * flow.Data.Length)];
        bytes[0] = 0x93;
        "NUMPY"u8.CopyTo(bytes.AsSpan(1));
        bytes[6] = 1;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)header.Length);
        Encoding.ASCII.GetBytes(header).CopyTo(bytes, 10);
        for (int i = 0; i < flow.Data.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(10 + header.Length + (4 * i)), flow.Data[i]);
        }

        return bytes;
    }

    [GeneratedRegex(@"'descr':\s*'([^']+)'")]
    private static partial Regex DescrRegex();

    [GeneratedRegex(@"'shape':\s*\(([^)]*)\)")]
    private static partial Regex ShapeRegex();
}
