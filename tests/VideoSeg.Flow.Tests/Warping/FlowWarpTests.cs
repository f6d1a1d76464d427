using System;
using VideoSeg.Core;
using VideoSeg.Core.Imaging;
using VideoSeg.Flow.Warping;
using Xunit;
using static TorchSharp.torch;

namespace VideoSeg.Flow.Tests.Warping;

public sealed class FlowWarpTests
{
    private const int Width = 5;
    private const int Height = 4;

    [Fact]
    public void PixelExact_ZeroFlow_ReproducesInputExactly()
    {
        float[] values = RandomValues(Width * Height, seed: 1);
        float[] warped = FlowWarp.Backward(values, UniformFlow(0, 0), WarpConvention.PixelExact);
        Assert.Equal(values, warped);
    }

    [Fact]
    public void PixelExact_IntegerFlow_MovesPixelsExactlyAndZerosOutside()
    {
        float[] values = RandomValues(Width * Height, seed: 2);
        float[] warped = FlowWarp.Backward(values, UniformFlow(2, -1), WarpConvention.PixelExact);
        for (int y = 0; y < Height; y++)
        {
            for (int x = 0; x < Width; x++)
            {
                int sx = x + 2;
                int sy = y - 1;
                float expected = sx < Width && sy >= 0 ? values[(sy * Width) + sx] : 0f;
                Assert.Equal(expected, warped[(y * Width) + x], 5);
            }
        }
    }

    [Fact]
    public void PixelExact_HalfPixelFlow_AveragesNeighbours()
    {
        float[] ramp = HorizontalRamp();
        float[] warped = FlowWarp.Backward(ramp, UniformFlow(0.5f, 0), WarpConvention.PixelExact);
        // Column x samples x + 0.5, i.e. (x + x + 1) / 2 of a ramp holding x; the last column's right tap is outside (zero).
        Assert.Equal(0.5f, warped[0], 5);
        Assert.Equal(2.5f, warped[2], 5);
        Assert.Equal(0.5f * 4f, warped[4], 5);
    }

    [Fact]
    public void PixelExact_BorderPadding_ReadsEdgeValue()
    {
        float[] ramp = HorizontalRamp();
        float[] warped = FlowWarp.Backward(ramp, UniformFlow(3, 0), WarpConvention.PixelExact, WarpPadding.Border);
        Assert.Equal(new float[] { 3, 4, 4, 4, 4 }, warped.AsSpan(0, Width).ToArray());
    }

    [Fact]
    public void SslVos_ZeroFlow_ShrinksTowardsCentreByUpToHalfAPixel()
    {
        // affine_grid(align_corners=false) puts x at (2x+1)/W − 1; grid_sample(align_corners=true) reads it
        // at (x + 0.5)(W − 1)/W = 0.8x + 0.4 for W = 5; the ramp returns that position.
        float[] warped = FlowWarp.Backward(HorizontalRamp(), UniformFlow(0, 0), WarpConvention.SslVos);
        float[] expected = [0.4f, 1.2f, 2.0f, 2.8f, 3.6f];
        for (int y = 0; y < Height; y++)
        {
            for (int x = 0; x < Width; x++)
            {
                Assert.Equal(expected[x], warped[(y * Width) + x], 5);
            }
        }
    }

    [Fact]
    public void SslVos_OnePixelFlow_AddsOnePixelToTheShiftedPosition()
    {
        // 2·u/(W−1) in normalised units is exactly u pixels under align_corners=true: positions 1.4, 2.2, 3.0, 3.8, 4.6 (outside → partly zero).
        float[] warped = FlowWarp.Backward(HorizontalRamp(), UniformFlow(1, 0), WarpConvention.SslVos);
        Assert.Equal(1.4f, warped[0], 5);
        Assert.Equal(3.0f, warped[2], 5);
        Assert.Equal(3.8f, warped[3], 5);
        Assert.Equal(0.4f * 4f, warped[4], 4);
    }

    [Fact]
    public void PaperIterativeCode_MovesByFlowTimesWidth()
    {
        // Without the division, u = 1/W pixel moves the sampling position by one whole pixel.
        float[] ramp = HorizontalRamp();
        Assert.Equal(ramp, FlowWarp.Backward(ramp, UniformFlow(0, 0), WarpConvention.PaperIterativeCode));
        float[] warped = FlowWarp.Backward(ramp, UniformFlow(1f / Width, 0), WarpConvention.PaperIterativeCode);
        Assert.Equal(new float[] { 1, 2, 3, 4, 0 }, RoundRow(warped, 0));
        float[] far = FlowWarp.Backward(ramp, UniformFlow(1, 0), WarpConvention.PaperIterativeCode);
        Assert.All(far, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Batched_EachItemUsesItsOwnFlow()
    {
        using var scope = NewDisposeScope();
        float[] ramp = HorizontalRamp();
        Tensor input = tensor(ramp, new long[] { 1, 1, Height, Width }).expand(2, 1, Height, Width);
        Tensor flow = zeros(2, 2, Height, Width);
        flow[0, 0] = tensor(1f);
        flow[1, 1] = tensor(-1f);
        float[] warped = FlowWarp.Backward(input, flow, WarpConvention.PixelExact).contiguous().data<float>().ToArray();
        int plane = Width * Height;
        Assert.Equal(new float[] { 1, 2, 3, 4, 0 }, RoundRow(warped, 0));
        Assert.Equal(new float[] { 0, 0, 0, 0, 0 }, RoundRow(warped.AsSpan(plane).ToArray(), 0));
        Assert.Equal(new float[] { 0, 1, 2, 3, 4 }, RoundRow(warped.AsSpan(plane).ToArray(), 1));
    }

    [Fact]
    public void MaskOverload_TranslatesASquare()
    {
        var mask = new BinaryMask(Width, Height);
        mask[3, 2] = true;
        BinaryMask warped = FlowWarp.Backward(mask, UniformFlow(2, 1), WarpConvention.PixelExact);
        Assert.Equal(1, warped.CountForeground());
        Assert.True(warped[1, 1]);
    }

    [Fact]
    public void MismatchedSizes_ThrowVideoSegException()
    {
        using var scope = NewDisposeScope();
        var error = Assert.Throws<VideoSegException>(() => FlowWarp.Backward(zeros(1, 1, 4, 5), zeros(1, 2, 4, 6), WarpConvention.PixelExact));
        Assert.Equal(ErrorCodes.SizeMismatch, error.Code);
    }

    private static float[] HorizontalRamp()
    {
        var values = new float[Width * Height];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = i % Width;
        }

        return values;
    }

    private static float[] RoundRow(float[] values, int row)
    {
        var result = new float[Width];
        for (int x = 0; x < Width; x++)
        {
            result[x] = MathF.Round(values[(row * Width) + x], 4);
        }

        return result;
    }

    private static FlowField UniformFlow(float u, float v)
    {
        var data = new float[Width * Height * 2];
        for (int i = 0; i < Width * Height; i++)
        {
            data[2 * i] = u;
            data[(2 * i) + 1] = v;
        }

        return new FlowField(Width, Height, data);
    }

    private static float[] RandomValues(int count, int seed)
    {
        var random = new Random(seed);
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = (float)random.NextDouble();
        }

        return values;
    }
}
