using System;
using VideoSeg.Core.Imaging;

namespace VideoSeg.Flow.Tests.Estimation;

/// <summary>
/// A smooth random texture defined analytically (a sum of random low-frequency sinusoids), so that it can be
/// sampled at any sub-pixel offset without interpolation error.
/// </summary>
internal sealed class SmoothTexture
{
    private readonly double[] _fx;
    private readonly double[] _fy;
    private readonly double[] _phase;
    private readonly double[] _amplitude;

    public SmoothTexture(int seed, int components = 24)
    {
        var random = new Random(seed);
        _fx = new double[components];
        _fy = new double[components];
        _phase = new double[components];
        _amplitude = new double[components];
        for (int i = 0; i < components; i++)
        {
            double angle = random.NextDouble() * 2 * Math.PI;
            double frequency = 0.05 + (0.25 * random.NextDouble());
            _fx[i] = frequency * Math.Cos(angle);
            _fy[i] = frequency * Math.Sin(angle);
            _phase[i] = random.NextDouble() * 2 * Math.PI;
            _amplitude[i] = 0.5 + random.NextDouble();
        }
    }

    /// <summary>The image whose pixel (x, y) shows the texture at (x − shiftX, y − shiftY): the texture moved by (shiftX, shiftY).</summary>
    public RgbImage Render(int width, int height, double shiftX = 0, double shiftY = 0)
    {
        var values = new double[width * height];
        double total = 0;
        foreach (double a in _amplitude)
        {
            total += a;
        }

        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                double sum = 0;
                for (int i = 0; i < _fx.Length; i++)
                {
                    sum += _amplitude[i] * Math.Sin((_fx[i] * (x - shiftX)) + (_fy[i] * (y - shiftY)) + _phase[i]);
                }

                values[(y * width) + x] = sum / total;
            }
        }

        var rgb = new byte[width * height * 3];
        for (int p = 0; p < values.Length; p++)
        {
            byte level = (byte)Math.Clamp(Math.Round(127.5 + (127.5 * 2.2 * values[p])), 0, 255);
            rgb[3 * p] = level;
            rgb[(3 * p) + 1] = level;
            rgb[(3 * p) + 2] = level;
        }

        return new RgbImage(width, height, rgb);
    }
}
