using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using VideoSeg.Core.Imaging;

namespace VideoSeg.Evaluation;

/// <summary>
/// A mask packed one bit per pixel, row by row, each row padded to whole 64-bit words with zeros.
/// Pixel x of a row is bit (x mod 64) of word (x / 64), so a shift towards higher bits moves pixels east.
/// </summary>
internal sealed class PackedMask
{
    public PackedMask(int width, int height)
    {
        Width = width;
        Height = height;
        WordsPerRow = (width + 63) >> 6;
        Words = new ulong[WordsPerRow * height];
        RowHasBits = new bool[height];
        int tailBits = width & 63;
        LastWordMask = tailBits == 0 ? ulong.MaxValue : (1UL << tailBits) - 1;
    }

    public int Width { get; }

    public int Height { get; }

    public int WordsPerRow { get; }

    public ulong[] Words { get; }

    /// <summary>Whether each row holds at least one set bit; lets the dilation skip empty rows.</summary>
    public bool[] RowHasBits { get; }

    /// <summary>The valid bits of each row's last word.</summary>
    public ulong LastWordMask { get; }

    public Span<ulong> Row(int y) => Words.AsSpan(y * WordsPerRow, WordsPerRow);

    /// <summary>Packs <paramref name="mask"/>, treating every non-zero byte as foreground (numpy's astype(bool)).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Load(BinaryMask mask)
    {
        byte[] data = mask.Data;
        for (int y = 0; y < Height; y++)
        {
            ReadOnlySpan<byte> pixels = data.AsSpan(y * Width, Width);
            Span<ulong> row = Row(y);
            int x = 0;
            int word = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                for (; x + 64 <= Width; x += 64, word++)
                {
                    uint low = ~Vector256.Equals(Vector256.Create(pixels.Slice(x, 32)), Vector256<byte>.Zero).ExtractMostSignificantBits();
                    uint high = ~Vector256.Equals(Vector256.Create(pixels.Slice(x + 32, 32)), Vector256<byte>.Zero).ExtractMostSignificantBits();
                    row[word] = low | ((ulong)high << 32);
                }
            }

            for (; x < Width; x += 64, word++)
            {
                ulong bits = 0;
                int count = Math.Min(64, Width - x);
                for (int k = 0; k < count; k++)
                {
                    if (pixels[x + k] != 0)
                    {
                        bits |= 1UL << k;
                    }
                }

                row[word] = bits;
            }
        }

        UpdateRowFlags();
    }

    /// <summary>Recomputes <see cref="RowHasBits"/> from the words.</summary>
    public void UpdateRowFlags()
    {
        for (int y = 0; y < Height; y++)
        {
            RowHasBits[y] = Row(y).ContainsAnyExcept(0UL);
        }
    }

    /// <summary>The number of set bits.</summary>
    public long CountBits() => CountBits(Words);

    /// <summary>Unpacks into a 0/1 byte mask.</summary>
    public BinaryMask ToBinaryMask()
    {
        var data = new byte[Width * Height];
        for (int y = 0; y < Height; y++)
        {
            ReadOnlySpan<ulong> row = Row(y);
            for (int x = 0; x < Width; x++)
            {
                data[(y * Width) + x] = (byte)((row[x >> 6] >> (x & 63)) & 1UL);
            }
        }

        return new BinaryMask(Width, Height, data);
    }

    public static long CountBits(ReadOnlySpan<ulong> words)
    {
        long count = 0;
        foreach (ulong word in words)
        {
            count += BitOperations.PopCount(word);
        }

        return count;
    }
}
