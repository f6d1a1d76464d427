using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace VideoSeg.Data.Tests.Acquisition;

/// <summary>
/// Reads 8-bit gray or RGB PNGs (the acquisition's output, and DAVIS's own masks), written apart
/// from the decoder under test so that the two check each other.
/// </summary>
public static class TestPngReader
{
    public static (int Width, int Height, int Channels, byte[] Pixels) Read(string path)
    {
        byte[] png = File.ReadAllBytes(path);
        int offset = 8;
        int width = 0, height = 0, channels = 0;
        using var idat = new MemoryStream();
        while (offset < png.Length)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
            string type = Encoding.ASCII.GetString(png, offset + 4, 4);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset + 8));
                height = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset + 12));
                if (png[offset + 16] != 8)
                {
                    throw new InvalidDataException("not 8-bit");
                }

                channels = png[offset + 17] switch
                {
                    0 => 1,
                    2 => 3,
                    _ => throw new InvalidDataException("not gray or RGB"),
                };
            }
            else if (type == "IDAT")
            {
                idat.Write(png, offset + 8, length);
            }

            offset += 12 + length;
        }

        idat.Position = 0;
        using var zlib = new ZLibStream(idat, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        zlib.CopyTo(raw);
        byte[] rows = raw.ToArray();
        int stride = width * channels;
        var pixels = new byte[stride * height];
        var previous = new byte[stride];
        for (int y = 0; y < height; y++)
        {
            int filter = rows[y * (stride + 1)];
            var row = new byte[stride];
            Array.Copy(rows, (y * (stride + 1)) + 1, row, 0, stride);
            for (int i = 0; i < stride; i++)
            {
                int left = i >= channels ? row[i - channels] : 0;
                int up = previous[i];
                int upLeft = i >= channels ? previous[i - channels] : 0;
                row[i] += (byte)(filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => throw new InvalidDataException($"filter {filter}"),
                });
            }

            row.CopyTo(pixels, y * stride);
            previous = row;
        }

        return (width, height, channels, pixels);
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
