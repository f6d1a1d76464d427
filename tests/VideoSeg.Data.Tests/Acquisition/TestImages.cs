using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace VideoSeg.Data.Tests.Acquisition;

/// <summary>
/// Writes small test images the way other tools do (PNGs with every row filter, palette PNGs,
/// bottom-up BMPs, a header-only JPEG), independently of the code under test.
/// </summary>
public static class TestImages
{
    /// <summary>A PNG of colour type 0 (gray), 2 (RGB) or 3 (palette); rows cycle through all five filters.</summary>
    public static byte[] Png(int width, int height, byte[] samples, int colorType, byte[]? palette = null)
    {
        int channels = colorType == 2 ? 3 : 1;
        int stride = width * channels;
        using var raw = new MemoryStream();
        var previous = new byte[stride];
        for (int y = 0; y < height; y++)
        {
            int filter = y % 5;
            byte[] row = samples.AsSpan(y * stride, stride).ToArray();
            raw.WriteByte((byte)filter);
            for (int i = 0; i < stride; i++)
            {
                int left = i >= channels ? row[i - channels] : 0;
                int up = previous[i];
                int upLeft = i >= channels ? previous[i - channels] : 0;
                int predictor = filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    _ => Paeth(left, up, upLeft),
                };
                raw.WriteByte((byte)(row[i] - predictor));
            }

            previous = row;
        }

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            raw.Position = 0;
            raw.CopyTo(zlib);
        }

        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;
        header[9] = (byte)colorType;
        Chunk(png, "IHDR", header);
        if (palette is not null)
        {
            Chunk(png, "PLTE", palette);
        }

        Chunk(png, "tEXt", Encoding.ASCII.GetBytes("Comment\0made by the tests"));
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>A 24-bit bottom-up BMP from RGB pixels.</summary>
    public static byte[] Bmp24(int width, int height, byte[] rgb)
    {
        int stride = ((width * 3) + 3) / 4 * 4;
        byte[] bmp = BmpHeader(width, height, 24, stride, paletteEntries: 0);
        int offset = bmp.Length - (stride * height);
        for (int y = 0; y < height; y++)
        {
            int row = offset + ((height - 1 - y) * stride);
            for (int x = 0; x < width; x++)
            {
                int source = ((y * width) + x) * 3;
                bmp[row + (x * 3)] = rgb[source + 2];
                bmp[row + (x * 3) + 1] = rgb[source + 1];
                bmp[row + (x * 3) + 2] = rgb[source];
            }
        }

        return bmp;
    }

    /// <summary>An 8-bit palette BMP whose palette is gray (index i is gray i).</summary>
    public static byte[] Bmp8Gray(int width, int height, byte[] gray)
    {
        int stride = (width + 3) / 4 * 4;
        byte[] bmp = BmpHeader(width, height, 8, stride, paletteEntries: 256);
        for (int i = 0; i < 256; i++)
        {
            int at = 54 + (i * 4);
            bmp[at] = bmp[at + 1] = bmp[at + 2] = (byte)i;
        }

        int offset = bmp.Length - (stride * height);
        for (int y = 0; y < height; y++)
        {
            gray.AsSpan(y * width, width).CopyTo(bmp.AsSpan(offset + ((height - 1 - y) * stride)));
        }

        return bmp;
    }

    /// <summary>A JPEG header with a frame header of the given size and a comment making it unique; it is never decoded.</summary>
    public static byte[] JpegStub(int width, int height, string comment)
    {
        using var jpeg = new MemoryStream();
        jpeg.Write([0xFF, 0xD8]);
        jpeg.Write([0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
        byte[] text = Encoding.ASCII.GetBytes(comment);
        jpeg.Write([0xFF, 0xFE, (byte)((text.Length + 2) >> 8), (byte)(text.Length + 2)]);
        jpeg.Write(text);
        jpeg.Write([0xFF, 0xC0, 0x00, 0x11, 8, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
        jpeg.Write([0xFF, 0xD9]);
        return jpeg.ToArray();
    }

    private static byte[] BmpHeader(int width, int height, int bitsPerPixel, int stride, int paletteEntries)
    {
        int pixelOffset = 54 + (paletteEntries * 4);
        var bmp = new byte[pixelOffset + (stride * height)];
        bmp[0] = (byte)'B';
        bmp[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(2), bmp.Length);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(10), pixelOffset);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(18), width);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(22), height);
        BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(28), (short)bitsPerPixel);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(34), stride * height);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(46), paletteEntries);
        return bmp;
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        var word = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        png.Write(word);
        byte[] typeAndData = [.. Encoding.ASCII.GetBytes(type), .. data];
        png.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc(typeAndData));
        png.Write(word);
    }

    private static uint Crc(byte[] data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
            }
        }

        return ~crc;
    }
}
