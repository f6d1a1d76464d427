using VideoSeg.Core.Imaging;

namespace VideoSeg.Evaluation.Tests.Support;

/// <summary>
/// A deliberately plain, pixel-by-pixel transcription of the toolkit's _seg2bmap and f_measure
/// (brute-force disk dilation), to check the bit-packed implementation against.
/// </summary>
internal static class NaiveDavis
{
    public static bool[,] BoundaryMap(BinaryMask seg)
    {
        int h = seg.Height;
        int w = seg.Width;
        bool At(int x, int y) => x < w && y < h && seg[x, y];
        var b = new bool[h, w];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                bool s = seg[x, y];
                bool e = At(x + 1, y);
                bool so = At(x, y + 1);
                bool se = At(x + 1, y + 1);
                b[y, x] = (s ^ e) | (s ^ so) | (s ^ se);
            }
        }

        for (int x = 0; x < w; x++)
        {
            b[h - 1, x] = seg[x, h - 1] ^ At(x + 1, h - 1);
        }

        for (int y = 0; y < h; y++)
        {
            b[y, w - 1] = seg[w - 1, y] ^ At(w - 1, y + 1);
        }

        b[h - 1, w - 1] = false;
        return b;
    }

    public static double F(BinaryMask prediction, BinaryMask truth, int radius)
    {
        bool[,] fg = BoundaryMap(prediction);
        bool[,] gt = BoundaryMap(truth);
        int nFg = Count(fg);
        int nGt = Count(gt);
        double precision, recall;
        if (nFg == 0 && nGt > 0)
        {
            (precision, recall) = (1, 0);
        }
        else if (nFg > 0 && nGt == 0)
        {
            (precision, recall) = (0, 1);
        }
        else if (nFg == 0 && nGt == 0)
        {
            (precision, recall) = (1, 1);
        }
        else
        {
            precision = Matched(fg, gt, radius) / (double)nFg;
            recall = Matched(gt, fg, radius) / (double)nGt;
        }

        return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }

    private static int Count(bool[,] map)
    {
        int count = 0;
        foreach (bool value in map)
        {
            count += value ? 1 : 0;
        }

        return count;
    }

    private static int Matched(bool[,] probe, bool[,] source, int radius)
    {
        int h = probe.GetLength(0);
        int w = probe.GetLength(1);
        int matched = 0;
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                if (!probe[y, x])
                {
                    continue;
                }

                bool found = false;
                for (int dy = -radius; dy <= radius && !found; dy++)
                {
                    for (int dx = -radius; dx <= radius && !found; dx++)
                    {
                        int sx = x + dx;
                        int sy = y + dy;
                        found = (dx * dx) + (dy * dy) <= radius * radius
                            && sx >= 0 && sy >= 0 && sx < w && sy < h && source[sy, sx];
                    }
                }

                matched += found ? 1 : 0;
            }
        }

        return matched;
    }
}
