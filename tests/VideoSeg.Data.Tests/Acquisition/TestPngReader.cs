using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace VideoSeg.Data.Tests.Acquisition;

/// <summary>Reads the plain PNGs the acquisition writes (8-bit gray or RGB, unfiltered rows), to check them independently.</summary>
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
        for (int y = 0; y < height; y++)
        {
            if (rows[y * (stride + 1)] != 0)
            {
                throw new InvalidDataException("filtered row");
            }

            Array.Copy(rows, (y * (stride + 1)) + 1, pixels, y * stride, stride);
        }

        return (width, height, channels, pixels);
    }
}
