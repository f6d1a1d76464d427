using System;
using VideoSeg.Core.Imaging;

namespace VideoSeg.Cli.Benchmarks;

/// <summary>Smooth synthetic flow fields for the throughput benchmarks (their cost does not depend on the content).</summary>
public static class SyntheticFlow
{
    /// <summary>A smooth flow for <paramref name="frame"/> to <paramref name="frame"/> + <paramref name="gap"/>, scaled by the gap.</summary>
    public static FlowField Smooth(int width, int height, int frame, int gap)
    {
        var flow = new FlowField(width, height);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int i = 2 * ((y * width) + x);
                flow.Data[i] = gap * (3f + (2f * MathF.Sin((x + frame) / 60f)));
                flow.Data[i + 1] = gap * (1.5f * MathF.Cos(y / 45f));
            }
        }

        return flow;
    }
}
