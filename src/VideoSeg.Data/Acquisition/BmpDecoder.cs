using System;
using System.Buffers.Binary;
using System.Numerics;
using VideoSeg.Core;
using VideoSeg.Core.Imaging;

namespace VideoSeg.Data.Acquisition;

/// <summary>
/// A managed decoder for uncompressed Windows bitmaps (1, 4, 8, 16, 24 and 32 bits per pixel,
/// BI_RGB or BI_BITFIELDS, bottom-up or top-down), which SegTrackV2 uses for some frames and masks.
/// </summary>
internal static class BmpDecoder
{
    private const int FileHeaderSize = 14;

    /// <summary>True when <paramref name="data"/> starts with the bitmap signature "BM".</summary>
    public static bool IsBmp(ReadOnlySpan<byte> data) => data.Length >= 26 && data[0] == (byte)'B' && data[1] == (byte)'M';

    /// <summary>Decodes <paramref name="data"/> to 8-bit RGB; <paramref name="source"/> names it in errors.</summary>
    public static RgbImage Decode(byte[] data, string source)
    {
        if (!IsBmp(data))
        {
            throw Corrupt(source, "no 'BM' signature");
        }

        ReadOnlySpan<byte> span = data;
        int pixelOffset = BinaryPrimitives.ReadInt32LittleEndian(span[10..]);
        int headerSize = BinaryPrimitives.ReadInt32LittleEndian(span[14..]);
        int width, height, bitsPerPixel, compression = 0, colorsUsed = 0, paletteEntrySize;
        if (headerSize == 12)
        {
            width = BinaryPrimitives.ReadInt16LittleEndian(span[18..]);
            height = BinaryPrimitives.ReadInt16LittleEndian(span[20..]);
            bitsPerPixel = BinaryPrimitives.ReadInt16LittleEndian(span[24..]);
            paletteEntrySize = 3;
        }
        else if (headerSize >= 40 && data.Length >= FileHeaderSize + 40)
        {
            width = BinaryPrimitives.ReadInt32LittleEndian(span[18..]);
            height = BinaryPrimitives.ReadInt32LittleEndian(span[22..]);
            bitsPerPixel = BinaryPrimitives.ReadInt16LittleEndian(span[28..]);
            compression = BinaryPrimitives.ReadInt32LittleEndian(span[30..]);
            colorsUsed = BinaryPrimitives.ReadInt32LittleEndian(span[46..]);
            paletteEntrySize = 4;
        }
        else
        {
            throw Corrupt(source, $"unknown info header size {headerSize}");
        }

        bool topDown = height < 0;
        height = Math.Abs(height);
        if (width <= 0 || height <= 0 || (long)width * height > int.MaxValue / 3)
        {
            throw Corrupt(source, $"invalid size {width}x{height}");
        }

        if (compression is not (0 or 3) || (compression == 3 && bitsPerPixel is not (16 or 32)))
        {
            throw Corrupt(source, $"compression method {compression} with {bitsPerPixel} bits per pixel is not supported (only uncompressed bitmaps are)");
        }

        // Channel masks: explicit for BI_BITFIELDS (right after a 40-byte header, or inside a V4/V5 one), else the defaults.
        uint redMask, greenMask, blueMask;
        int paletteOffset = FileHeaderSize + headerSize;
        if (compression == 3)
        {
            if (data.Length < FileHeaderSize + 52)
            {
                throw Corrupt(source, "truncated channel masks");
            }

            redMask = BinaryPrimitives.ReadUInt32LittleEndian(span[54..]);
            greenMask = BinaryPrimitives.ReadUInt32LittleEndian(span[58..]);
            blueMask = BinaryPrimitives.ReadUInt32LittleEndian(span[62..]);
            if (headerSize == 40)
            {
                paletteOffset += 12;
            }
        }
        else if (bitsPerPixel == 16)
        {
            (redMask, greenMask, blueMask) = (0x7C00u, 0x03E0u, 0x001Fu);
        }
        else
        {
            (redMask, greenMask, blueMask) = (0x00FF0000u, 0x0000FF00u, 0x000000FFu);
        }

        byte[]? palette = null;
        if (bitsPerPixel is 1 or 4 or 8)
        {
            int entries = colorsUsed > 0 ? colorsUsed : 1 << bitsPerPixel;
            if (entries > 256 || paletteOffset + ((long)entries * paletteEntrySize) > data.Length)
            {
                throw Corrupt(source, "truncated palette");
            }

            palette = new byte[entries * 3];
            for (int i = 0; i < entries; i++)
            {
                int at = paletteOffset + (i * paletteEntrySize);
                palette[i * 3] = data[at + 2];
                palette[(i * 3) + 1] = data[at + 1];
                palette[(i * 3) + 2] = data[at];
            }
        }
        else if (bitsPerPixel is not (16 or 24 or 32))
        {
            throw Corrupt(source, $"{bitsPerPixel} bits per pixel is not supported");
        }

        int stride = (int)((((long)width * bitsPerPixel) + 31) / 32 * 4);
        if (pixelOffset < 0 || pixelOffset + ((long)stride * height) > data.Length)
        {
            throw Corrupt(source, $"pixel data ({stride * (long)height} bytes at {pixelOffset}) runs past the end of the file ({data.Length} bytes)");
        }

        var rgb = new byte[width * height * 3];
        for (int y = 0; y < height; y++)
        {
            int sourceRow = topDown ? y : height - 1 - y;
            ReadOnlySpan<byte> row = span.Slice(pixelOffset + (sourceRow * stride), stride);
            for (int x = 0; x < width; x++)
            {
                Span<byte> pixel = rgb.AsSpan(((y * width) + x) * 3, 3);
                switch (bitsPerPixel)
                {
                    case 1:
                    case 4:
                    case 8:
                        int bit = x * bitsPerPixel;
                        int index = (row[bit >> 3] >> (8 - bitsPerPixel - (bit & 7))) & ((1 << bitsPerPixel) - 1);
                        if ((index * 3) + 2 >= palette!.Length)
                        {
                            throw Corrupt(source, $"palette index {index} outside a palette of {palette.Length / 3} entries");
                        }

                        palette.AsSpan(index * 3, 3).CopyTo(pixel);
                        break;
                    case 24:
                        pixel[0] = row[(x * 3) + 2];
                        pixel[1] = row[(x * 3) + 1];
                        pixel[2] = row[x * 3];
                        break;
                    default:
                        uint value = bitsPerPixel == 16
                            ? BinaryPrimitives.ReadUInt16LittleEndian(row[(x * 2)..])
                            : BinaryPrimitives.ReadUInt32LittleEndian(row[(x * 4)..]);
                        pixel[0] = Extract(value, redMask);
                        pixel[1] = Extract(value, greenMask);
                        pixel[2] = Extract(value, blueMask);
                        break;
                }
            }
        }

        return new RgbImage(width, height, rgb);
    }

    private static byte Extract(uint value, uint mask)
    {
        if (mask == 0)
        {
            return 0;
        }

        int shift = BitOperations.TrailingZeroCount(mask);
        int bits = BitOperations.PopCount(mask);
        uint sample = (value & mask) >> shift;
        uint max = bits >= 32 ? uint.MaxValue : (1u << bits) - 1;
        return (byte)((((ulong)sample * 255) + (max / 2)) / max);
    }

    private static VideoSegException Corrupt(string source, string what) =>
        new(ErrorCodes.CorruptImage, $"'{source}' is not a supported bitmap: {what}", source);
}
