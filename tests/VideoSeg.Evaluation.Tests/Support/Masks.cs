using System;
using VideoSeg.Core.Imaging;

namespace VideoSeg.Evaluation.Tests.Support;

/// <summary>Hand-made masks and perturbations of real ones.</summary>
internal static class Masks
{
    /// <summary>A mask with the rectangle [x0, x1) × [y0, y1) set.</summary>
    public static BinaryMask Rectangle(int width, int height, int x0, int y0, int x1, int y1)
    {
        var mask = new BinaryMask(width, height);
        for (int y = Math.Max(0, y0); y < Math.Min(height, y1); y++)
        {
            for (int x = Math.Max(0, x0); x < Math.Min(width, x1); x++)
            {
                mask[x, y] = true;
            }
        }

        return mask;
    }

    public static BinaryMask Full(int width, int height)
    {
        var data = new byte[width * height];
        Array.Fill(data, (byte)1);
        return new BinaryMask(width, height, data);
    }

    /// <summary>Moves the mask by (dx, dy); what moves out is lost, what moves in is background.</summary>
    public static BinaryMask Shift(BinaryMask mask, int dx, int dy)
    {
        var result = new BinaryMask(mask.Width, mask.Height);
        for (int y = 0; y < mask.Height; y++)
        {
            for (int x = 0; x < mask.Width; x++)
            {
                int sx = x - dx;
                int sy = y - dy;
                if (sx >= 0 && sy >= 0 && sx < mask.Width && sy < mask.Height && mask[sx, sy])
                {
                    result[x, y] = true;
                }
            }
        }

        return result;
    }

    /// <summary>Grows the mask by a (2r+1)² square.</summary>
    public static BinaryMask Dilate(BinaryMask mask, int radius) => Morph(mask, radius, grow: true);

    /// <summary>Shrinks the mask by a (2r+1)² square.</summary>
    public static BinaryMask Erode(BinaryMask mask, int radius) => Morph(mask, radius, grow: false);

    /// <summary>Random blobs: a union of random rectangles and discs, reproducible from the seed.</summary>
    public static BinaryMask RandomBlobs(int width, int height, int seed, int blobs)
    {
        var random = new Random(seed);
        var mask = new BinaryMask(width, height);
        for (int b = 0; b < blobs; b++)
        {
            int cx = random.Next(width);
            int cy = random.Next(height);
            int r = 1 + random.Next(Math.Max(1, Math.Min(width, height) / 3));
            bool disc = random.Next(2) == 0;
            for (int y = Math.Max(0, cy - r); y < Math.Min(height, cy + r + 1); y++)
            {
                for (int x = Math.Max(0, cx - r); x < Math.Min(width, cx + r + 1); x++)
                {
                    if (!disc || ((x - cx) * (x - cx)) + ((y - cy) * (y - cy)) <= r * r)
                    {
                        mask[x, y] = true;
                    }
                }
            }
        }

        // Salt and pepper so that isolated pixels and holes are exercised too.
        for (int i = 0; i < (width * height) / 50; i++)
        {
            int x = random.Next(width);
            int y = random.Next(height);
            mask[x, y] = !mask[x, y];
        }

        return mask;
    }

    private static BinaryMask Morph(BinaryMask mask, int radius, bool grow)
    {
        // A square is separable: a 1-D pass along rows, then one along columns. Outside the image
        // counts as background, so erosion eats in from the border.
        BinaryMask rows = Pass(mask, radius, grow, horizontal: true);
        return Pass(rows, radius, grow, horizontal: false);
    }

    private static BinaryMask Pass(BinaryMask mask, int radius, bool grow, bool horizontal)
    {
        int length = horizontal ? mask.Width : mask.Height;
        int lines = horizontal ? mask.Height : mask.Width;
        var result = new BinaryMask(mask.Width, mask.Height);
        var prefix = new int[length + 1];
        for (int line = 0; line < lines; line++)
        {
            for (int i = 0; i < length; i++)
            {
                bool value = horizontal ? mask[i, line] : mask[line, i];
                prefix[i + 1] = prefix[i] + (value ? 1 : 0);
            }

            for (int i = 0; i < length; i++)
            {
                int lo = i - radius;
                int hi = i + radius;
                int set = prefix[Math.Min(length, hi + 1)] - prefix[Math.Max(0, lo)];
                bool value = grow ? set > 0 : set == (2 * radius) + 1;
                if (horizontal)
                {
                    result[i, line] = value;
                }
                else
                {
                    result[line, i] = value;
                }
            }
        }

        return result;
    }
}
