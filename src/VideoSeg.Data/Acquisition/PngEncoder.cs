using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace VideoSeg.Data.Acquisition;

/// <summary>
/// A minimal PNG writer (8-bit gray or RGB, filter 0, no ancillary chunks). Its output depends
/// only on the pixels and the runtime's zlib, so re-running an acquisition yields identical
/// files and identical content hashes, which an encoder adding metadata would not guarantee.
/// </summary>
internal static class PngEncoder
{
    private static readonly byte[] s_signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Encodes one-byte-per-pixel gray pixels.</summary>
    public static byte[] EncodeGray(int width, int height, ReadOnlySpan<byte> gray) => Encode(width, height, gray, channels: 1);

    /// <summary>Encodes interleaved RGB pixels.</summary>
    public static byte[] EncodeRgb(int width, int height, ReadOnlySpan<byte> rgb) => Encode(width, height, rgb, channels: 3);

    private static byte[] Encode(int width, int height, ReadOnlySpan<byte> pixels, int channels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        int stride = width * channels;
        if (pixels.Length != stride * height)
        {
            throw new ArgumentException($"expected {stride * height} bytes for {width}x{height}x{channels}, got {pixels.Length}", nameof(pixels));
        }

        using var output = new MemoryStream();
        output.Write(s_signature);

        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = 8;
        header[9] = channels == 1 ? (byte)0 : (byte)2;
        WriteChunk(output, "IHDR", header);

        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            {
                for (int y = 0; y < height; y++)
                {
                    zlib.WriteByte(0);
                    zlib.Write(pixels.Slice(y * stride, stride));
                }
            }

            WriteChunk(output, "IDAT", compressed.GetBuffer().AsSpan(0, (int)compressed.Length));
        }

        WriteChunk(output, "IEND", ReadOnlySpan<byte>.Empty);
        return output.ToArray();
    }

    private static void WriteChunk(Stream output, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        output.Write(word);
        byte[] typeBytes = Encoding.ASCII.GetBytes(type);
        output.Write(typeBytes);
        output.Write(data);
        uint crc = Crc32.Append(Crc32.Append(0, typeBytes), data);
        BinaryPrimitives.WriteUInt32BigEndian(word, crc);
        output.Write(word);
    }
}
