using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using VideoSeg.Core.Imaging;
using VideoSeg.Data.Imaging;

namespace VideoSeg.Cli.Benchmarks;

/// <summary>The masks the throughput and J&amp;F benchmarks run on, and where they came from.</summary>
/// <param name="Masks">One mask per frame.</param>
/// <param name="Source">Where the masks came from, for the notes.</param>
/// <param name="Width">The masks' width.</param>
/// <param name="Height">The masks' height.</param>
public sealed record BenchMaskSet(IReadOnlyList<BinaryMask> Masks, string Source, int Width, int Height)
{
    /// <summary>
    /// <paramref name="count"/> masks of DAVIS 2016 car-shadow's ground truth (cycled) when it is under
    /// <paramref name="dataRoot"/> at <paramref name="width"/>×<paramref name="height"/>, else moving synthetic ellipses.
    /// </summary>
    public static BenchMaskSet Load(string? dataRoot, int count, int width, int height)
    {
        string? folder = dataRoot is null ? null : Path.Combine(dataRoot, "davis2016-car-shadow", "Annotations", "480p", "car-shadow");
        if (folder is not null && Directory.Exists(folder))
        {
            string[] files = Directory.GetFiles(folder, "*.png").Order(StringComparer.Ordinal).ToArray();
            var masks = Enumerable.Range(0, count).Select(i => ImageCodec.ReadMask(files[i % files.Length])).ToList();
            if (masks.All(m => m.Width == width && m.Height == height))
            {
                return new BenchMaskSet(masks, "DAVIS 2016 car-shadow ground truth", width, height);
            }
        }

        var synthetic = new List<BinaryMask>();
        for (int i = 0; i < count; i++)
        {
            var mask = new BinaryMask(width, height);
            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    double dx = (x - 300 - (5 * i)) / 180.0;
                    double dy = (y - 240) / 120.0;
                    mask[x, y] = (dx * dx) + (dy * dy) < 1;
                }
            }

            synthetic.Add(mask);
        }

        return new BenchMaskSet(synthetic, "synthetic ellipses (car-shadow not found)", width, height);
    }
}
