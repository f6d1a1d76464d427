using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace VideoSeg.Data.Imaging;

/// <summary>
/// A minimal PNG writer for 8-bit grayscale and 8-bit RGB, non-interlaced. It is our own rather
/// than SkiaSharp's so that its output depends only on the pixels: no metadata, no colour profile,
/// no time stamp, one IDAT chunk and a fixed per-row filter heuristic (the smallest sum of absolute
/// filtered bytes, as libpng does), so identical pixels always give identical bytes.
/// </summary>
public static class PngEncoder
{
    private static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Encodes one byte per pixel, row-major, as an 8-bit grayscale PNG.</summary>
    public static byte[] EncodeGray8(int width, int height, ReadOnlySpan<byte> pixels) => Encode(width, height, pixels, 1, 0);

    /// <summary>Encodes three interleaved bytes (R, G, B) per pixel, row-major, as an 8-bit RGB PNG.</summary>
    public static byte[] EncodeRgb8(int width, int height, ReadOnlySpan<byte> pixels) => Encode(width, height, pixels, 3, 2);

    private static byte[] Encode(int width, int height, ReadOnlySpan<byte> pixels, int channels, byte colorType)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        int stride = width * channels;
        if (pixels.Length != stride * height)
        {
            throw new ArgumentException($"expected {stride * height} bytes for {width}×{height}×{channels}, got {pixels.Length}", nameof(pixels));
        }

        using var output = new MemoryStream();
        output.Write(Signature);

        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = 8;
        header[9] = colorType;
        header[10] = 0;
        header[11] = 0;
        header[12] = 0;
        WriteChunk(output, "IHDR", header);

        var filtered = new byte[(stride + 1) * height];
        var previous = new byte[stride];
        var candidates = new byte[5][];
        for (int f = 0; f < candidates.Length; f++)
        {
            candidates[f] = new byte[stride + 1];
            candidates[f][0] = (byte)f;
        }

        for (int y = 0; y < height; y++)
        {
            ReadOnlySpan<byte> row = pixels.Slice(y * stride, stride);
            byte[] best = FilterRow(row, previous, channels, candidates);
            best.CopyTo(filtered, y * (stride + 1));
            row.CopyTo(previous);
        }

        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            {
                zlib.Write(filtered);
            }

            WriteChunk(output, "IDAT", compressed.GetBuffer().AsSpan(0, (int)compressed.Length));
        }

        WriteChunk(output, "IEND", ReadOnlySpan<byte>.Empty);
        return output.ToArray();
    }

    private static byte[] FilterRow(ReadOnlySpan<byte> row, ReadOnlySpan<byte> previous, int bpp, byte[][] candidates)
    {
        Span<byte> none = candidates[0].AsSpan(1);
        Span<byte> sub = candidates[1].AsSpan(1);
        Span<byte> up = candidates[2].AsSpan(1);
        Span<byte> average = candidates[3].AsSpan(1);
        Span<byte> paeth = candidates[4].AsSpan(1);
        row.CopyTo(none);
        for (int i = 0; i < row.Length; i++)
        {
            int a = i >= bpp ? row[i - bpp] : 0;
            int b = previous[i];
            int c = i >= bpp ? previous[i - bpp] : 0;
            int x = row[i];
            sub[i] = (byte)(x - a);
            up[i] = (byte)(x - b);
            average[i] = (byte)(x - ((a + b) >> 1));
            paeth[i] = (byte)(x - Paeth(a, b, c));
        }

        long bestScore = long.MaxValue;
        byte[] best = candidates[0];
        foreach (byte[] candidate in candidates)
        {
            long score = 0;
            for (int i = 1; i < candidate.Length; i++)
            {
                // Bytes are scored as signed values, the heuristic the PNG specification recommends.
                score += (sbyte)candidate[i] < 0 ? -(sbyte)candidate[i] : candidate[i];
            }

            if (score < bestScore)
            {
                bestScore = score;
                best = candidate;
            }
        }

        return best;
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c;
        int pa = Math.Abs(p - a);
        int pb = Math.Abs(p - b);
        int pc = Math.Abs(p - c);
        if (pa <= pb && pa <= pc)
        {
            return a;
        }

        return pb <= pc ? b : c;
    }

    private static void WriteChunk(Stream output, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> buffer = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(buffer, data.Length);
        output.Write(buffer);
        byte[] typeBytes = Encoding.ASCII.GetBytes(type);
        output.Write(typeBytes);
        output.Write(data);
        uint crc = Crc32.Update(Crc32.Update(0xFFFFFFFFu, typeBytes), data) ^ 0xFFFFFFFFu;
        BinaryPrimitives.WriteUInt32BigEndian(buffer, crc);
        output.Write(buffer);
    }
}
