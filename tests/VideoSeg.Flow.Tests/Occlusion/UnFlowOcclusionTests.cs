using System;
using VideoSeg.Core.Imaging;
using VideoSeg.Flow.Occlusion;
using Xunit;

namespace VideoSeg.Flow.Tests.Occlusion;

public sealed class UnFlowOcclusionTests
{
    private const int Width = 16;
    private const int Height = 12;

    [Fact]
    public void MovingSquare_OccludesExactlyTheBackgroundItCovers()
    {
        // A 4×4 square at columns 4..7, rows 4..7 moves 3 px right over a static background.
        const int left = 4;
        const int top = 4;
        const int size = 4;
        const int shift = 3;
        var forward = new FlowField(Width, Height);
        var backward = new FlowField(Width, Height);
        for (int y = top; y < top + size; y++)
        {
            for (int x = left; x < left + size; x++)
            {
                Set(forward, x, y, shift, 0);
                Set(backward, x + shift, y, -shift, 0);
            }
        }

        foreach (OcclusionVariant variant in Enum.GetValues<OcclusionVariant>())
        {
            BinaryMask visible = UnFlowOcclusion.Visibility(forward, backward, OcclusionOptions.Default with { Variant = variant });
            for (int y = 0; y < Height; y++)
            {
                for (int x = 0; x < Width; x++)
                {
                    bool coveredNextFrame = y >= top && y < top + size && x >= left + size && x < left + size + shift;
                    Assert.True(visible[x, y] == !coveredNextFrame, $"{variant} at ({x},{y})");
                }
            }
        }
    }

    [Fact]
    public void Variants_DifferOnlyWhereTheUnwarpedBackwardFlowIsLarge()
    {
        // w_f = 4 everywhere; w_b = −30 left of column 8 and −2 from column 8 on. Pixels at columns 4..7 read
        // ŵ_b = −2: |4 − 2|² = 4 exceeds the paper's 0.01·(16 + 4) + 0.5 = 0.7 but not the code's
        // 0.01·(16 + 900) + 0.5 = 9.66, which uses w_b(x) = −30.
        const int split = 8;
        var forward = new FlowField(Width, Height);
        var backward = new FlowField(Width, Height);
        for (int y = 0; y < Height; y++)
        {
            for (int x = 0; x < Width; x++)
            {
                Set(forward, x, y, 4, 0);
                Set(backward, x, y, x < split ? -30 : -2, 0);
            }
        }

        BinaryMask paper = UnFlowOcclusion.Visibility(forward, backward, OcclusionOptions.Default);
        BinaryMask code = UnFlowOcclusion.Visibility(forward, backward, OcclusionOptions.Default with { Variant = OcclusionVariant.UnFlowCode });
        for (int y = 0; y < Height; y++)
        {
            for (int x = 0; x < Width; x++)
            {
                Assert.False(paper[x, y], $"paper at ({x},{y})");
                Assert.Equal(x >= split - 4 && x < split, code[x, y]);
            }
        }
    }

    [Fact]
    public void PixelsLeavingTheFrame_AreOccludedByThePaperFormButNotByUnFlowsBorderClampedCode()
    {
        var forward = new FlowField(Width, Height);
        var backward = new FlowField(Width, Height);
        for (int y = 0; y < Height; y++)
        {
            for (int x = 0; x < Width; x++)
            {
                Set(forward, x, y, 2, 0);
                Set(backward, x, y, -2, 0);
            }
        }

        BinaryMask paper = UnFlowOcclusion.Visibility(forward, backward, OcclusionOptions.Default);
        BinaryMask code = UnFlowOcclusion.Visibility(forward, backward, OcclusionOptions.Default with { Variant = OcclusionVariant.UnFlowCode });
        for (int y = 0; y < Height; y++)
        {
            for (int x = 0; x < Width; x++)
            {
                Assert.Equal(x < Width - 2, paper[x, y]);
                Assert.True(code[x, y]);
            }
        }
    }

    private static void Set(FlowField flow, int x, int y, float u, float v)
    {
        flow.Data[2 * ((y * flow.Width) + x)] = u;
        flow.Data[(2 * ((y * flow.Width) + x)) + 1] = v;
    }
}
