using System;
using System.Runtime.CompilerServices;

namespace VideoSeg.Evaluation;

/// <summary>
/// The davis2017-evaluation toolkit's <c>_seg2bmap</c> for a boundary map of the mask's own size,
/// on packed rows. A pixel is a boundary pixel when it differs from its east, south or south-east
/// neighbour; in the last row only the east neighbour counts, in the last column only the south
/// neighbour, and the bottom-right pixel never is one.
/// </summary>
internal static class BoundaryExtraction
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Extract(PackedMask segmentation, PackedMask boundary)
    {
        int height = segmentation.Height;
        int words = segmentation.WordsPerRow;
        int lastWord = (segmentation.Width - 1) >> 6;
        int lastBit = (segmentation.Width - 1) & 63;
        ulong lastBitMask = 1UL << lastBit;
        for (int y = 0; y < height; y++)
        {
            ReadOnlySpan<ulong> row = segmentation.Row(y);
            Span<ulong> result = boundary.Row(y);
            bool hasSouth = y < height - 1;
            ReadOnlySpan<ulong> south = hasSouth ? segmentation.Row(y + 1) : default;
            for (int i = 0; i < words; i++)
            {
                ulong s = row[i];
                ulong east = (s >> 1) | (i + 1 < words ? row[i + 1] << 63 : 0UL);
                ulong b = s ^ east;
                if (hasSouth)
                {
                    ulong n = south[i];
                    ulong southEast = (n >> 1) | (i + 1 < words ? south[i + 1] << 63 : 0UL);
                    b |= (s ^ n) | (s ^ southEast);
                }

                result[i] = b;
            }

            // The last column compares with the south neighbour only (b[:, -1] = seg[:, -1] ^ s[:, -1]),
            // which also makes the bottom-right pixel 0.
            ulong lastColumn = hasSouth ? (row[lastWord] ^ south[lastWord]) & lastBitMask : 0UL;
            result[lastWord] = (result[lastWord] & ~lastBitMask) | lastColumn;
            result[words - 1] &= segmentation.LastWordMask;
        }

        boundary.UpdateRowFlags();
    }
}
