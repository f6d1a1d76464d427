using System;
using System.Buffers.Binary;
using System.IO;
using VideoSeg.Core.Imaging;

namespace VideoSeg.Core.Formats;

/// <summary>
/// Middlebury .flo files: the float 202021.25 ("PIEH"), int32 width, int32 height, then
/// width×height×2 little-endian float32 values, row-major, u then v. This is the format
/// that RAFT, MotionGrouping and GWM read and write.
/// </summary>
public static class FloFormat
{
    /// <summary>The magic number that opens every .flo file.</summary>
    public const float Magic = 202021.25f;

    private const int HeaderLength = 12;

    /// <summary>
    /// Reads and validates a .flo file; any defect is a <see cref="VideoSegException"/> naming the file. The declared
    /// size must be within <see cref="SizeLimits.MaxFileSide"/> per side and <see cref="SizeLimits.MaxFilePixels"/>, and
    /// the file exactly as long as that size implies; both are checked before the payload is read.
    /// </summary>
    public static FlowField Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new VideoSegException(ErrorCodes.MissingFile, $"flow file not found: expected a Middlebury .flo file at '{path}'", path);
        }

        // The header is checked against the file's length before the payload is read, so a header that
        // claims a huge flow, or a huge file, never makes us read or allocate more than the bounds allow.
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        long length = stream.Length;
        Span<byte> header = stackalloc byte[HeaderLength];
        int headerRead = stream.ReadAtLeast(header, HeaderLength, throwOnEndOfStream: false);
        CheckHeader(header[..headerRead], length, path);
        var bytes = new byte[length];
        header.CopyTo(bytes);
        stream.ReadExactly(bytes.AsSpan(HeaderLength));
        return Parse(bytes, path);
    }

    /// <summary>Parses .flo bytes; <paramref name="source"/> names the origin in error messages.</summary>
    public static FlowField Parse(ReadOnlySpan<byte> bytes, string source)
    {
        (int width, int height) = CheckHeader(bytes, bytes.Length, source);
        var data = new float[width * height * 2];
        ReadOnlySpan<byte> payload = bytes[12..];
        for (int i = 0; i < data.Length; i++)
        {
            float value = BinaryPrimitives.ReadSingleLittleEndian(payload[(4 * i)..]);
            if (!float.IsFinite(value))
            {
                int pixel = i / 2;
                throw new VideoSegException(ErrorCodes.CorruptFlow, $"'{source}' holds a non-finite value ({value}) at x={pixel % width}, y={pixel / width}; expected finite displacements", source);
            }

            data[i] = value;
        }

        return new FlowField(width, height, data);
    }

    /// <summary>
    /// Validates the magic number, the declared size (within <see cref="SizeLimits.IsValidFileSize"/>) and the
    /// total length the size implies, before anything is allocated from it.
    /// </summary>
    private static (int Width, int Height) CheckHeader(ReadOnlySpan<byte> bytes, long length, string source)
    {
        if (bytes.Length < HeaderLength)
        {
            throw new VideoSegException(ErrorCodes.CorruptFlow, $"'{source}' is truncated: a .flo header needs {HeaderLength} bytes, the file has {length}", source);
        }

        float magic = BinaryPrimitives.ReadSingleLittleEndian(bytes);
        if (magic != Magic)
        {
            throw new VideoSegException(ErrorCodes.CorruptFlow, $"'{source}' has the magic number {magic}, expected {Magic} (a Middlebury .flo file)", source);
        }

        int width = BinaryPrimitives.ReadInt32LittleEndian(bytes[4..]);
        int height = BinaryPrimitives.ReadInt32LittleEndian(bytes[8..]);
        if (!SizeLimits.IsValidFileSize(width, height))
        {
            throw new VideoSegException(ErrorCodes.CorruptFlow, $"'{source}' declares a {width}×{height} flow; expected {SizeLimits.FileSizeBounds}", source);
        }

        long expected = HeaderLength + (8L * width * height);
        if (length != expected)
        {
            throw new VideoSegException(ErrorCodes.CorruptFlow, $"'{source}' is {length} bytes; a {width}×{height} .flo file must be {expected} bytes", source);
        }

        return (width, height);
    }

    /// <summary>Encodes a flow as .flo bytes.</summary>
    public static byte[] Encode(FlowField flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        var bytes = new byte[12 + (4 * flow.Data.Length)];
        BinaryPrimitives.WriteSingleLittleEndian(bytes, Magic);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), flow.Width);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), flow.Height);
        for (int i = 0; i < flow.Data.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(12 + (4 * i)), flow.Data[i]);
        }

        return bytes;
    }

    /// <summary>Writes a .flo file atomically.</summary>
    public static void Write(string path, FlowField flow) => IO.AtomicFile.WriteAllBytes(path, Encode(flow));
}
