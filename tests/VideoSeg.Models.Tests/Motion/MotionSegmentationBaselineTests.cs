using VideoSeg.Core.Imaging;
using VideoSeg.Models.Motion;
using Xunit;

namespace VideoSeg.Models.Tests.Motion;

public sealed class MotionSegmentationBaselineTests
{
    private const int Width = 96;
    private const int Height = 64;

    [Fact]
    public void QuadraticCameraMotionPlusTranslatingSquare_FindsTheSquare()
    {
        // Camera: u, v quadratic in (row/H, col/W); the object: a 20×16 square translating by (−6, 4) px on top.
        var flow = new FlowField(Width, Height);
        var truth = new BinaryMask(Width, Height);
        for (int row = 0; row < Height; row++)
        {
            for (int col = 0; col < Width; col++)
            {
                double x = (double)row / Height;
                double y = (double)col / Width;
                double u = 1.5 + (2 * x) - (3 * y) + (4 * x * x) + (1.5 * y * y) - (2 * x * y);
                double v = -0.5 + x + (2.5 * y) - (3 * x * x) + (2 * y * y) + (x * y);
                bool inSquare = row >= 20 && row < 36 && col >= 50 && col < 70;
                if (inSquare)
                {
                    u = -6;
                    v = 4;
                    truth[col, row] = true;
                }

                flow.Data[2 * ((row * Width) + col)] = (float)u;
                flow.Data[(2 * ((row * Width) + col)) + 1] = (float)v;
            }
        }

        BinaryMask found = new MotionSegmentationBaseline().Segment(flow);
        Assert.True(IoU(found, truth) > 0.9, $"IoU {IoU(found, truth)}");
    }

    [Fact]
    public void ObjectCoveringMostOfTheFrame_IsFoundByInvertingTheCornerHoldingMask()
    {
        // An object moving 3 px covers all but an 8-pixel border ring (62.5 % of the frame), so the robust fit follows
        // the object; the outliers (the static ring) hold all four corners and are inverted.
        var flow = new FlowField(Width, Height);
        var truth = new BinaryMask(Width, Height);
        for (int row = 8; row < Height - 8; row++)
        {
            for (int col = 8; col < Width - 8; col++)
            {
                flow.Data[2 * ((row * Width) + col)] = 3;
                truth[col, row] = true;
            }
        }

        BinaryMask found = new MotionSegmentationBaseline().Segment(flow);
        Assert.True(IoU(found, truth) > 0.9, $"IoU {IoU(found, truth)}");
    }

    [Fact]
    public void StaticScene_HasNoForeground()
    {
        Assert.Equal(0, new MotionSegmentationBaseline().Segment(new FlowField(Width, Height)).CountForeground());
    }

    private static double IoU(BinaryMask a, BinaryMask b)
    {
        int inter = 0;
        int union = 0;
        for (int i = 0; i < a.Data.Length; i++)
        {
            inter += a.Data[i] & b.Data[i];
            union += a.Data[i] | b.Data[i];
        }

        return union == 0 ? 1 : (double)inter / union;
    }
}
