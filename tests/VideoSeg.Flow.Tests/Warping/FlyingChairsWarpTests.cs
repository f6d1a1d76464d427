using System;
using VideoSeg.Core.Formats;
using VideoSeg.Core.Imaging;
using VideoSeg.Flow.Warping;
using VideoSeg.TestUtilities;
using Xunit;

namespace VideoSeg.Flow.Tests.Warping;

public sealed class FlyingChairsWarpTests
{
    // Pair 4 moves a lot (mean unwarped error 0.21 against about 0.03 to 0.04 after warping), so the checks have margin.
    private const string Pair = "flyingchairs-samples/0000004";

    [SkippableTheory]
    [InlineData(WarpConvention.PixelExact)]
    [InlineData(WarpConvention.SslVos)]
    public void WarpingTheSecondImageWithGroundTruthFlow_ReconstructsTheFirst(WarpConvention convention)
    {
        (double warped, double unwarped) = MeanErrors(convention);
        Assert.True(warped < 0.3 * unwarped, $"mean error warped {warped:F4}, unwarped {unwarped:F4}");
    }

    [SkippableFact]
    public void PixelExactWarp_ReconstructsBetterThanSslVosHalfPixelShift()
    {
        (double exact, _) = MeanErrors(WarpConvention.PixelExact);
        (double sslVos, _) = MeanErrors(WarpConvention.SslVos);
        Assert.True(exact < sslVos, $"pixel-exact {exact:F4}, SSL-VOS {sslVos:F4}");
    }

    private static (double Warped, double Unwarped) MeanErrors(WarpConvention convention)
    {
        // FlyingChairs' flow maps img0 → img1, so sampling img1 at x + flow(x) should give img0 except at occlusions.
        FlowField flow = FloFormat.Read(SharedData.RequirePath(Pair + "-gt.flo"));
        float[] first = PpmFormat.Read(SharedData.RequirePath(Pair + "-img0.ppm")).ToGray();
        float[] second = PpmFormat.Read(SharedData.RequirePath(Pair + "-img1.ppm")).ToGray();
        float[] warped = FlowWarp.Backward(second, flow, convention);
        // Only pixels whose target lies well inside the image count: zero padding is not a photometric error.
        double warpedError = 0;
        double unwarpedError = 0;
        int counted = 0;
        for (int y = 0; y < flow.Height; y++)
        {
            for (int x = 0; x < flow.Width; x++)
            {
                float tx = x + flow.U(x, y);
                float ty = y + flow.V(x, y);
                if (tx < 1 || ty < 1 || tx > flow.Width - 2 || ty > flow.Height - 2)
                {
                    continue;
                }

                int i = (y * flow.Width) + x;
                warpedError += Math.Abs(warped[i] - first[i]);
                unwarpedError += Math.Abs(second[i] - first[i]);
                counted++;
            }
        }

        Assert.True(counted > flow.Width * flow.Height / 2);
        return (warpedError / counted, unwarpedError / counted);
    }
}
