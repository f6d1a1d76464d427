using System;

namespace VideoSeg.Core.Imaging;

/// <summary>A binary mask, row-major, one byte per pixel holding 0 or 1.</summary>
public sealed class BinaryMask
{
    /// <summary>Wraps <paramref name="data"/> (values 0 or 1) without copying.</summary>
    public BinaryMask(int width, int height, byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (data.Length != width * height)
        {
            throw new ArgumentException($"expected {width * height} pixels, got {data.Length}", nameof(data));
        }

        Width = width;
        Height = height;
        Data = data;
    }

    /// <summary>An all-background mask.</summary>
    public BinaryMask(int width, int height)
        : this(width, height, new byte[width * height])
    {
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>Pixels, row-major, 0 or 1.</summary>
    public byte[] Data { get; }

    /// <summary>Gets or sets the pixel at column <paramref name="x"/>, row <paramref name="y"/>.</summary>
    public bool this[int x, int y]
    {
        get => Data[(y * Width) + x] != 0;
        set => Data[(y * Width) + x] = value ? (byte)1 : (byte)0;
    }

    /// <summary>The number of foreground pixels.</summary>
    public int CountForeground()
    {
        int count = 0;
        foreach (byte b in Data)
        {
            count += b;
        }

        return count;
    }

    /// <summary>Thresholds a soft mask (values in [0, 1]) at <paramref name="threshold"/>, strictly above.</summary>
    public static BinaryMask FromProbabilities(int width, int height, ReadOnlySpan<float> values, float threshold = 0.5f)
    {
        var data = new byte[width * height];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = values[i] > threshold ? (byte)1 : (byte)0;
        }

        return new BinaryMask(width, height, data);
    }

    /// <summary>The mask as floats 0 or 1.</summary>
    public float[] ToFloats()
    {
        var result = new float[Data.Length];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = Data[i];
        }

        return result;
    }
}
