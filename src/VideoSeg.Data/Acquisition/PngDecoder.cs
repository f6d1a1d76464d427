using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.Text;
using VideoSeg.Core;
using VideoSeg.Core.Imaging;

namespace VideoSeg.Data.Acquisition;

/// <summary>
/// A managed PNG decoder for every standard colour type, bit depth and interlace method, so
/// that converting an archive needs no native imaging library. Alpha is ignored; 16-bit
/// samples are scaled to 8 bits.
/// </summary>
internal static class PngDecoder
{
    private static readonly int[] s_passStartX = [0, 4, 0, 2, 0, 1, 0];
    private static readonly int[] s_passStartY = [0, 0, 4, 0, 2, 0, 1];
    private static readonly int[] s_passStepX = [8, 8, 4, 4, 2, 2, 1];
    private static readonly int[] s_passStepY = [8, 8, 8, 4, 4, 2, 2];

    /// <summary>True when <paramref name="data"/> starts with the PNG signature.</summary>
    public static bool IsPng(ReadOnlySpan<byte> data) =>
        data.Length >= 8 && data[0] == 0x89 && data[1] == 0x50 && data[2] == 0x4E && data[3] == 0x47
        && data[4] == 0x0D && data[5] == 0x0A && data[6] == 0x1A && data[7] == 0x0A;

    /// <summary>Decodes <paramref name="data"/> to 8-bit RGB; <paramref name="source"/> names it in errors.</summary>
    public static RgbImage Decode(byte[] data, string source)
    {
        if (!IsPng(data))
        {
            throw Corrupt(source, "no PNG signature");
        }

        int width = 0, height = 0, depth = 0, colorType = -1, interlace = 0;
        byte[]? palette = null;
        using var idat = new MemoryStream();
        int offset = 8;
        bool sawEnd = false;
        while (!sawEnd)
        {
            if (offset + 12 > data.Length)
            {
                throw Corrupt(source, "truncated before IEND");
            }

            int length = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(offset));
            if (length < 0 || offset + 12L + length > data.Length)
            {
                throw Corrupt(source, $"chunk at byte {offset} claims {length} bytes past the end of the file");
            }

            string type = Encoding.ASCII.GetString(data, offset + 4, 4);
            ReadOnlySpan<byte> body = data.AsSpan(offset + 8, length);
            uint storedCrc = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(offset + 8 + length));
            if ((Imaging.Crc32.Update(0xFFFFFFFFu, data.AsSpan(offset + 4, length + 4)) ^ 0xFFFFFFFFu) != storedCrc)
            {
                throw Corrupt(source, $"CRC mismatch in chunk '{type}'");
            }

            switch (type)
            {
                case "IHDR":
                    if (length != 13)
                    {
                        throw Corrupt(source, "IHDR is not 13 bytes");
                    }

                    width = BinaryPrimitives.ReadInt32BigEndian(body);
                    height = BinaryPrimitives.ReadInt32BigEndian(body[4..]);
                    depth = body[8];
                    colorType = body[9];
                    interlace = body[12];
                    if (body[10] != 0 || body[11] != 0 || interlace > 1)
                    {
                        throw Corrupt(source, "unknown compression, filter or interlace method");
                    }

                    break;
                case "PLTE":
                    palette = body.ToArray();
                    break;
                case "IDAT":
                    idat.Write(body);
                    break;
                case "IEND":
                    sawEnd = true;
                    break;
                default:
                    break;
            }

            offset += 12 + length;
        }

        int channels = colorType switch
        {
            0 => 1,
            2 => 3,
            3 => 1,
            4 => 2,
            6 => 4,
            _ => throw Corrupt(source, $"unknown colour type {colorType}"),
        };
        bool depthValid = colorType switch
        {
            0 => depth is 1 or 2 or 4 or 8 or 16,
            3 => depth is 1 or 2 or 4 or 8,
            _ => depth is 8 or 16,
        };
        if (!depthValid || width <= 0 || height <= 0 || (long)width * height > int.MaxValue / 3)
        {
            throw Corrupt(source, $"invalid header: {width}x{height}, colour type {colorType}, depth {depth}");
        }

        if (colorType == 3 && palette is null)
        {
            throw Corrupt(source, "palette image without a PLTE chunk");
        }

        byte[] raw = Inflate(idat, source);
        var rgb = new byte[width * height * 3];
        int bitsPerPixel = channels * depth;
        int filterStep = Math.Max(1, bitsPerPixel / 8);
        int position = 0;
        int passes = interlace == 1 ? 7 : 1;
        for (int pass = 0; pass < passes; pass++)
        {
            int startX = interlace == 1 ? s_passStartX[pass] : 0;
            int startY = interlace == 1 ? s_passStartY[pass] : 0;
            int stepX = interlace == 1 ? s_passStepX[pass] : 1;
            int stepY = interlace == 1 ? s_passStepY[pass] : 1;
            int passWidth = (width - startX + stepX - 1) / stepX;
            int passHeight = (height - startY + stepY - 1) / stepY;
            if (passWidth <= 0 || passHeight <= 0)
            {
                continue;
            }

            int rowBytes = (int)(((long)passWidth * bitsPerPixel + 7) / 8);
            var previous = new byte[rowBytes];
            var current = new byte[rowBytes];
            for (int row = 0; row < passHeight; row++)
            {
                if (position + 1 + rowBytes > raw.Length)
                {
                    throw Corrupt(source, "image data is shorter than the header implies");
                }

                byte filter = raw[position];
                Array.Copy(raw, position + 1, current, 0, rowBytes);
                position += 1 + rowBytes;
                Unfilter(filter, current, previous, filterStep, source);
                int y = startY + (row * stepY);
                if (depth == 8 && stepX == 1 && (colorType is 0 or 2))
                {
                    // The common cases (DAVIS and SegTrackV2 masks and frames), without per-pixel dispatch.
                    CopyRow(current, colorType, rgb.AsSpan(y * width * 3, width * 3));
                    (previous, current) = (current, previous);
                    continue;
                }

                for (int column = 0; column < passWidth; column++)
                {
                    int x = startX + (column * stepX);
                    WritePixel(current, column, depth, channels, colorType, palette, rgb.AsSpan(((y * width) + x) * 3, 3), source);
                }

                (previous, current) = (current, previous);
            }
        }

        return new RgbImage(width, height, rgb);
    }

    private static byte[] Inflate(MemoryStream idat, string source)
    {
        idat.Position = 0;
        try
        {
            using var zlib = new ZLibStream(idat, CompressionMode.Decompress);
            using var output = new MemoryStream();
            zlib.CopyTo(output);
            return output.ToArray();
        }
        catch (InvalidDataException ex)
        {
            throw new VideoSegException(ErrorCodes.CorruptImage, $"PNG '{source}' has corrupt compressed data: {ex.Message}", source, ex);
        }
    }

    private static void Unfilter(byte filter, byte[] current, byte[] previous, int step, string source)
    {
        switch (filter)
        {
            case 0:
                break;
            case 1:
                for (int i = step; i < current.Length; i++)
                {
                    current[i] += current[i - step];
                }

                break;
            case 2:
                for (int i = 0; i < current.Length; i++)
                {
                    current[i] += previous[i];
                }

                break;
            case 3:
                for (int i = 0; i < current.Length; i++)
                {
                    int left = i >= step ? current[i - step] : 0;
                    current[i] += (byte)((left + previous[i]) >> 1);
                }

                break;
            case 4:
                for (int i = 0; i < current.Length; i++)
                {
                    int a = i >= step ? current[i - step] : 0;
                    int b = previous[i];
                    int c = i >= step ? previous[i - step] : 0;
                    current[i] += (byte)Paeth(a, b, c);
                }

                break;
            default:
                throw Corrupt(source, $"unknown row filter {filter}");
        }
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c;
        int pa = Math.Abs(p - a);
        int pb = Math.Abs(p - b);
        int pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static void WritePixel(byte[] row, int column, int depth, int channels, int colorType, byte[]? palette, Span<byte> rgb, string source)
    {
        if (depth < 8)
        {
            int bit = column * depth;
            int sample = (row[bit >> 3] >> (8 - depth - (bit & 7))) & ((1 << depth) - 1);
            if (colorType == 3)
            {
                WritePaletteEntry(palette!, sample, rgb, source);
            }
            else
            {
                byte gray = (byte)(sample * 255 / ((1 << depth) - 1));
                rgb[0] = rgb[1] = rgb[2] = gray;
            }

            return;
        }

        int first = column * channels;
        if (colorType == 3)
        {
            WritePaletteEntry(palette!, row[first], rgb, source);
            return;
        }

        // Gray (0) and gray+alpha (4) repeat one sample; RGB (2) and RGBA (6) use three. Alpha is ignored.
        bool isGray = colorType is 0 or 4;
        for (int c = 0; c < 3; c++)
        {
            int channel = isGray ? 0 : c;
            rgb[c] = depth == 8
                ? row[first + channel]
                : (byte)(((BinaryPrimitives.ReadUInt16BigEndian(row.AsSpan((first + channel) * 2)) * 255) + 32767) / 65535);
        }
    }

    private static void CopyRow(byte[] row, int colorType, Span<byte> rgb)
    {
        if (colorType == 2)
        {
            row.AsSpan(0, rgb.Length).CopyTo(rgb);
            return;
        }

        for (int x = 0, o = 0; o < rgb.Length; x++, o += 3)
        {
            rgb[o] = rgb[o + 1] = rgb[o + 2] = row[x];
        }
    }

    private static void WritePaletteEntry(byte[] palette, int index, Span<byte> rgb, string source)
    {
        if ((index * 3) + 2 >= palette.Length)
        {
            throw Corrupt(source, $"palette index {index} outside a palette of {palette.Length / 3} entries");
        }

        rgb[0] = palette[index * 3];
        rgb[1] = palette[(index * 3) + 1];
        rgb[2] = palette[(index * 3) + 2];
    }

    private static VideoSegException Corrupt(string source, string what) =>
        new(ErrorCodes.CorruptImage, $"'{source}' is not a valid PNG: {what}", source);
}
