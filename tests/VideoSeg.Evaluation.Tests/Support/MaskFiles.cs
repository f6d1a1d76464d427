using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using VideoSeg.Core.Imaging;

namespace VideoSeg.Evaluation.Tests.Support;

/// <summary>
/// Just enough image IO for the tests: 8-bit greyscale or palette PNG masks (DAVIS annotations) in,
/// binary PGM masks (which OpenCV reads) out. Non-zero pixels are foreground.
/// </summary>
internal static class MaskFiles
{
    private static readonly byte[] s_signature = [137, 80, 78, 71, 13, 10, 26, 10];

    public static List<BinaryMask> ReadFolder(string folder) =>
        Directory.GetFiles(folder, "*.png").Order(StringComparer.Ordinal).Select(ReadPng).ToList();

    public static BinaryMask ReadPng(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        if (!bytes.AsSpan(0, 8).SequenceEqual(s_signature))
        {
            throw new InvalidDataException($"{path} is not a PNG");
        }

        int position = 8;
        int width = 0, height = 0;
        using var compressed = new MemoryStream();
        while (position < bytes.Length)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(position));
            string type = Encoding.ASCII.GetString(bytes, position + 4, 4);
            ReadOnlySpan<byte> chunk = bytes.AsSpan(position + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(chunk);
                height = BinaryPrimitives.ReadInt32BigEndian(chunk[4..]);
                byte bitDepth = chunk[8];
                byte colorType = chunk[9];
                byte interlace = chunk[12];
                if (bitDepth != 8 || (colorType != 0 && colorType != 3) || interlace != 0)
                {
                    throw new InvalidDataException($"{path}: only 8-bit non-interlaced greyscale or palette PNGs are supported");
                }
            }
            else if (type == "IDAT")
            {
                compressed.Write(chunk);
            }
            else if (type == "IEND")
            {
                break;
            }

            position += 12 + length;
        }

        compressed.Position = 0;
        using var inflater = new ZLibStream(compressed, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        inflater.CopyTo(raw);
        byte[] scanlines = raw.ToArray();
        var pixels = new byte[width * height];
        var previous = new byte[width];
        var current = new byte[width];
        for (int y = 0; y < height; y++)
        {
            int offset = y * (width + 1);
            byte filter = scanlines[offset];
            for (int x = 0; x < width; x++)
            {
                int value = scanlines[offset + 1 + x];
                int left = x > 0 ? current[x - 1] : 0;
                int up = previous[x];
                int upLeft = x > 0 ? previous[x - 1] : 0;
                value += filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => throw new InvalidDataException($"{path}: bad filter {filter}"),
                };
                current[x] = (byte)value;
            }

            for (int x = 0; x < width; x++)
            {
                pixels[(y * width) + x] = current[x] == 0 ? (byte)0 : (byte)1;
            }

            (previous, current) = (current, previous);
        }

        return new BinaryMask(width, height, pixels);
    }

    public static void WritePgm(string path, BinaryMask mask)
    {
        byte[] header = Encoding.ASCII.GetBytes($"P5\n{mask.Width} {mask.Height}\n255\n");
        var bytes = new byte[header.Length + mask.Data.Length];
        header.CopyTo(bytes, 0);
        for (int i = 0; i < mask.Data.Length; i++)
        {
            bytes[header.Length + i] = mask.Data[i] == 0 ? (byte)0 : (byte)255;
        }

        File.WriteAllBytes(path, bytes);
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c;
        int pa = Math.Abs(p - a);
        int pb = Math.Abs(p - b);
        int pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
