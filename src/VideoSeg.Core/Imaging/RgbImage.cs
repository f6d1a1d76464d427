using System;

namespace VideoSeg.Core.Imaging;

/// <summary>An 8-bit RGB image, row-major, three interleaved bytes per pixel.</summary>
public sealed class RgbImage
{
    /// <summary>Wraps <paramref name="rgb"/> without copying.</summary>
    public RgbImage(int width, int height, byte[] rgb)
    {
        ArgumentNullException.ThrowIfNull(rgb);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (rgb.Length != width * height * 3)
        {
            throw new ArgumentException($"expected {width * height * 3} bytes, got {rgb.Length}", nameof(rgb));
        }

        Width = width;
        Height = height;
        Rgb = rgb;
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>Pixels, row-major, R G B.</summary>
    public byte[] Rgb { get; }

    /// <summary>Luma in [0, 1] (ITU-R BT.601 weights, as OpenCV's RGB2GRAY).</summary>
    public float[] ToGray()
    {
        var gray = new float[Width * Height];
        for (int i = 0; i < gray.Length; i++)
        {
            gray[i] = ((0.299f * Rgb[3 * i]) + (0.587f * Rgb[(3 * i) + 1]) + (0.114f * Rgb[(3 * i) + 2])) / 255f;
        }

        return gray;
    }
}
