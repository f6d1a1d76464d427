using System;
using System.Buffers.Binary;
using System.Globalization;
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
    // numpy pads headers to 64 bytes and keeps them short; 64 KiB is version 1.0's own limit.
    private const int MaxHeaderLength = 65535;

    /// <summary>Reads an H×W×2 float32 .npy file.</summary>
    public static FlowField Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new VideoSegException(ErrorCodes.MissingFile, $"flow file not found: expected a float32 H×W×2 .npy file at '{path}'", path);
        }

        // The header is at most MaxHeaderLength bytes; anything longer than the largest flow allowed plus
        // such a header cannot be valid, and is refused before it is read into memory.
        long length = new FileInfo(path).Length;
        long largest = 12L + MaxHeaderLength + (8L * SizeLimits.MaxFilePixels);
        if (length > largest)
        {
            throw new VideoSegException(ErrorCodes.CorruptNpy, $"'{path}' is {length} bytes, more than a float32 (H, W, 2) array of {SizeLimits.FileSizeBounds} can take ({largest})", path);
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
        if (major is < 1 or > 3)
        {
            throw new VideoSegException(ErrorCodes.CorruptNpy, $"'{source}' is .npy format version {major}.{bytes[7]}; expected 1.0, 2.0 or 3.0", source);
        }

        int headerStart = major == 1 ? 10 : 12;
        if (bytes.Length < headerStart)
        {
            throw new VideoSegException(ErrorCodes.CorruptNpy, $"'{source}' is truncated inside its header", source);
        }

        long declaredLength = major == 1 ? BinaryPrimitives.ReadUInt16LittleEndian(bytes[8..]) : BinaryPrimitives.ReadUInt32LittleEndian(bytes[8..]);
        if (declaredLength > MaxHeaderLength || headerStart + declaredLength > bytes.Length)
        {
            throw new VideoSegException(ErrorCodes.CorruptNpy, $"'{source}' declares a {declaredLength}-byte header, which is longer than {MaxHeaderLength} bytes or than the file", source);
        }

        int headerLength = (int)declaredLength;

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

        // Digits only: a sign, a Python 2 'L' suffix or an overflowing value is not a size this reader accepts.
        if (!int.TryParse(dims[0], NumberStyles.None, CultureInfo.InvariantCulture, out int height)
            || !int.TryParse(dims[1], NumberStyles.None, CultureInfo.InvariantCulture, out int width)
            || !SizeLimits.IsValidFileSize(width, height))
        {
            throw new VideoSegException(ErrorCodes.CorruptNpy, $"'{source}' has shape ({shape.Groups[1].Value}); expected (H, W, 2) with {SizeLimits.FileSizeBounds}", source);
        }

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
