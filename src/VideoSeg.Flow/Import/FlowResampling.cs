using System;
using VideoSeg.Core;
using VideoSeg.Core.Imaging;

namespace VideoSeg.Flow.Import;

/// <summary>Resamples flow fields between resolutions.</summary>
public static class FlowResampling
{
    /// <summary>
    /// Bilinear resampling with pixel centres at half-integer positions and clamped borders, which is what
    /// OpenCV's <c>cv2.resize(..., INTER_LINEAR)</c> (used by the paper's code) computes. Returns
    /// <paramref name="flow"/> itself when the size already matches.
    /// </summary>
    /// <exception cref="VideoSegException">
    /// <see cref="ErrorCodes.InvalidArgument"/> when a side of the target is outside 1 to <see cref="SizeLimits.MaxWorkingSide"/>.
    /// </exception>
    public static FlowField Resize(FlowField flow, int width, int height, FlowRescaling rescaling)
    {
        ArgumentNullException.ThrowIfNull(flow);
        SizeLimits.CheckWorkingSize(width, height, "resize target width", "resize target height");
        if (flow.Width == width && flow.Height == height)
        {
            return flow;
        }

        float scaleU = rescaling == FlowRescaling.ScaleDisplacements ? (float)width / flow.Width : 1f;
        float scaleV = rescaling == FlowRescaling.ScaleDisplacements ? (float)height / flow.Height : 1f;
        var (x0, x1, wx) = Taps(flow.Width, width);
        var (y0, y1, wy) = Taps(flow.Height, height);
        float[] source = flow.Data;
        var data = new float[width * height * 2];
        for (int y = 0; y < height; y++)
        {
            int row0 = y0[y] * flow.Width;
            int row1 = y1[y] * flow.Width;
            float fy = wy[y];
            for (int x = 0; x < width; x++)
            {
                float fx = wx[x];
                for (int c = 0; c < 2; c++)
                {
                    float top = ((1 - fx) * source[(2 * (row0 + x0[x])) + c]) + (fx * source[(2 * (row0 + x1[x])) + c]);
                    float bottom = ((1 - fx) * source[(2 * (row1 + x0[x])) + c]) + (fx * source[(2 * (row1 + x1[x])) + c]);
                    data[(2 * ((y * width) + x)) + c] = ((1 - fy) * top) + (fy * bottom);
                }
            }
        }

        for (int i = 0; i < data.Length; i += 2)
        {
            data[i] *= scaleU;
            data[i + 1] *= scaleV;
        }

        return new FlowField(width, height, data);
    }

    /// <summary>For each output index: the two source indices and the weight of the second.</summary>
    private static (int[] First, int[] Second, float[] Weight) Taps(int sourceSize, int targetSize)
    {
        var first = new int[targetSize];
        var second = new int[targetSize];
        var weight = new float[targetSize];
        double scale = (double)sourceSize / targetSize;
        for (int i = 0; i < targetSize; i++)
        {
            double position = Math.Clamp(((i + 0.5) * scale) - 0.5, 0, sourceSize - 1);
            int lower = (int)Math.Floor(position);
            first[i] = lower;
            second[i] = Math.Min(lower + 1, sourceSize - 1);
            weight[i] = (float)(position - lower);
        }

        return (first, second, weight);
    }
}
