using System;
using VideoSeg.Core.Imaging;

namespace VideoSeg.Data.Tests.Synthetic;

/// <summary>Plain bilinear samplers for checking flows against frames, independent of the generator's code.</summary>
internal static class Sampling
{
    public static void Rgb(RgbImage image, double x, double y, Span<double> rgb)
    {
        int x0 = Math.Min((int)Math.Floor(x), image.Width - 2);
        int y0 = Math.Min((int)Math.Floor(y), image.Height - 2);
        double ax = x - x0;
        double ay = y - y0;
        for (int c = 0; c < 3; c++)
        {
            double p00 = image.Rgb[(3 * ((y0 * image.Width) + x0)) + c];
            double p01 = image.Rgb[(3 * ((y0 * image.Width) + x0 + 1)) + c];
            double p10 = image.Rgb[(3 * (((y0 + 1) * image.Width) + x0)) + c];
            double p11 = image.Rgb[(3 * (((y0 + 1) * image.Width) + x0 + 1)) + c];
            rgb[c] = ((1 - ay) * (((1 - ax) * p00) + (ax * p01))) + (ay * (((1 - ax) * p10) + (ax * p11)));
        }
    }

    public static (double U, double V) Flow(FlowField flow, double x, double y)
    {
        int x0 = Math.Min((int)Math.Floor(x), flow.Width - 2);
        int y0 = Math.Min((int)Math.Floor(y), flow.Height - 2);
        double ax = x - x0;
        double ay = y - y0;
        double u = ((1 - ay) * (((1 - ax) * flow.U(x0, y0)) + (ax * flow.U(x0 + 1, y0)))) + (ay * (((1 - ax) * flow.U(x0, y0 + 1)) + (ax * flow.U(x0 + 1, y0 + 1))));
        double v = ((1 - ay) * (((1 - ax) * flow.V(x0, y0)) + (ax * flow.V(x0 + 1, y0)))) + (ay * (((1 - ax) * flow.V(x0, y0 + 1)) + (ax * flow.V(x0 + 1, y0 + 1))));
        return (u, v);
    }

    public static bool Inside(FlowField flow, double x, double y) => x >= 0 && y >= 0 && x <= flow.Width - 1 && y <= flow.Height - 1;
}
