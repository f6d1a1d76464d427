using System;

namespace VideoSeg.Core.Imaging;

/// <summary>
/// A dense optical flow field in pixels, row-major with u (horizontal) and v (vertical)
/// interleaved, exactly as Middlebury .flo files store it. Pixel (x, y) of the source frame
/// moves to (x + u, y + v) in the target frame.
/// </summary>
public sealed class FlowField
{
    /// <summary>Wraps interleaved u, v <paramref name="data"/> without copying.</summary>
    public FlowField(int width, int height, float[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (data.Length != width * height * 2)
        {
            throw new ArgumentException($"expected {width * height * 2} values, got {data.Length}", nameof(data));
        }

        Width = width;
        Height = height;
        Data = data;
    }

    /// <summary>A zero flow.</summary>
    public FlowField(int width, int height)
        : this(width, height, new float[width * height * 2])
    {
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>Interleaved u, v, row-major.</summary>
    public float[] Data { get; }

    /// <summary>The horizontal component at (x, y).</summary>
    public float U(int x, int y) => Data[2 * ((y * Width) + x)];

    /// <summary>The vertical component at (x, y).</summary>
    public float V(int x, int y) => Data[(2 * ((y * Width) + x)) + 1];
}
