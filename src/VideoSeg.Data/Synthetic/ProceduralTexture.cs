using System;

namespace VideoSeg.Data.Synthetic;

/// <summary>
/// A seeded, periodic RGB texture (a power-of-two square raster that tiles seamlessly), made of
/// multi-octave value noise, optionally mixed with stripes or a checkerboard, coloured between two
/// base colours with an accent. Finer octaves weigh more, down to a period of 4 texels, so the texture
/// has strong gradients at every scale (optical flow is estimable and a one-pixel shift changes the colour
/// clearly) while bilinear sampling of the smooth lattice interpolation still reproduces it closely. Sampling wraps, so a texture
/// covers the whole plane.
/// </summary>
internal sealed class ProceduralTexture
{
    private readonly float[] _rgb;
    private readonly int _size;
    private readonly int _mask;

    private ProceduralTexture(int size, float[] rgb)
    {
        _size = size;
        _mask = size - 1;
        _rgb = rgb;
    }

    /// <summary>Builds a texture of <paramref name="size"/>² texels (a power of two, at least 16).</summary>
    public static ProceduralTexture Create(SeededRandom random, int size, TextureStyle style, double[] colorA, double[] colorB, double[] accent)
    {
        if (size < 16 || (size & (size - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "a power of two, at least 16");
        }

        double[] shade = PeriodicNoise(random, size, 4, Math.Min(64, size / 4), 1.3);
        double[] tint = PeriodicNoise(random, size, 16, Math.Min(64, size / 4), 0.7);
        int k = random.NextInt(4, 9);
        int kx = random.NextInt(1, 5);
        int ky = random.NextInt(1, 5) * (random.NextSign() > 0 ? 1 : -1);
        var rgb = new float[size * size * 3];
        for (int y = 0; y < size; y++)
        {
            for (int x = 0; x < size; x++)
            {
                int i = (y * size) + x;
                // The sum of octaves clusters around the middle; stretching restores contrast.
                double n = Math.Clamp(0.5 + (1.6 * (shade[i] - 0.5)), 0, 1);
                double pattern = style switch
                {
                    TextureStyle.Stripes => 0.5 + (0.5 * Math.Sin((2 * Math.PI * ((kx * 2 * x) + (ky * 2 * y)) / size) + (2.0 * (n - 0.5)))),
                    TextureStyle.Checker => 0.5 + (0.5 * Math.Tanh(2.5 * Math.Sin(2 * Math.PI * k * x / size) * Math.Sin(2 * Math.PI * k * y / size))),
                    _ => n,
                };
                double mix = style == TextureStyle.Noise ? n : (0.55 * pattern) + (0.45 * n);
                double variation = tint[i] - 0.5;
                for (int c = 0; c < 3; c++)
                {
                    double mid = 0.5 * (colorA[c] + colorB[c]);
                    double value = colorA[c] + ((colorB[c] - colorA[c]) * mix) + ((accent[c] - mid) * variation * 0.6);
                    rgb[(3 * i) + c] = (float)Math.Clamp(value, 0, 255);
                }
            }
        }

        return new ProceduralTexture(size, rgb);
    }

    /// <summary>Bilinearly samples the texture at texel coordinates (u, v), texel centres at integers, wrapping around.</summary>
    public void Sample(double u, double v, out double red, out double green, out double blue)
    {
        double fu = Math.Floor(u);
        double fv = Math.Floor(v);
        double ax = u - fu;
        double ay = v - fv;
        int x0 = (int)(long)fu & _mask;
        int y0 = (int)(long)fv & _mask;
        int x1 = (x0 + 1) & _mask;
        int y1 = (y0 + 1) & _mask;
        int i00 = 3 * ((y0 * _size) + x0);
        int i01 = 3 * ((y0 * _size) + x1);
        int i10 = 3 * ((y1 * _size) + x0);
        int i11 = 3 * ((y1 * _size) + x1);
        double w00 = (1 - ax) * (1 - ay);
        double w01 = ax * (1 - ay);
        double w10 = (1 - ax) * ay;
        double w11 = ax * ay;
        red = (w00 * _rgb[i00]) + (w01 * _rgb[i01]) + (w10 * _rgb[i10]) + (w11 * _rgb[i11]);
        green = (w00 * _rgb[i00 + 1]) + (w01 * _rgb[i01 + 1]) + (w10 * _rgb[i10 + 1]) + (w11 * _rgb[i11 + 1]);
        blue = (w00 * _rgb[i00 + 2]) + (w01 * _rgb[i01 + 2]) + (w10 * _rgb[i10 + 2]) + (w11 * _rgb[i11 + 2]);
    }

    private static double[] PeriodicNoise(SeededRandom random, int size, int minPeriod, int maxPeriod, double persistence)
    {
        var field = new double[size * size];
        double amplitude = 1;
        for (int period = maxPeriod; period >= minPeriod; period /= 2)
        {
            int cells = size / period;
            var lattice = new double[cells * cells];
            for (int i = 0; i < lattice.Length; i++)
            {
                lattice[i] = random.NextDouble();
            }

            for (int y = 0; y < size; y++)
            {
                int cy0 = y / period;
                int cy1 = (cy0 + 1) % cells;
                double fy = Smooth((double)(y % period) / period);
                for (int x = 0; x < size; x++)
                {
                    int cx0 = x / period;
                    int cx1 = (cx0 + 1) % cells;
                    double fx = Smooth((double)(x % period) / period);
                    double top = lattice[(cy0 * cells) + cx0] + ((lattice[(cy0 * cells) + cx1] - lattice[(cy0 * cells) + cx0]) * fx);
                    double bottom = lattice[(cy1 * cells) + cx0] + ((lattice[(cy1 * cells) + cx1] - lattice[(cy1 * cells) + cx0]) * fx);
                    field[(y * size) + x] += amplitude * (top + ((bottom - top) * fy));
                }
            }

            amplitude *= persistence;
        }

        double min = double.MaxValue;
        double max = double.MinValue;
        foreach (double value in field)
        {
            min = Math.Min(min, value);
            max = Math.Max(max, value);
        }

        double range = Math.Max(max - min, 1e-9);
        for (int i = 0; i < field.Length; i++)
        {
            field[i] = (field[i] - min) / range;
        }

        return field;
    }

    private static double Smooth(double f) => f * f * (3 - (2 * f));
}
