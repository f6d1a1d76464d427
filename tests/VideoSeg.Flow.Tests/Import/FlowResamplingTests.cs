using System;
using VideoSeg.Core;
using VideoSeg.Core.Imaging;
using VideoSeg.Flow.Import;
using Xunit;

namespace VideoSeg.Flow.Tests.Import;

public sealed class FlowResamplingTests
{
    [Fact]
    public void Upsampling_interpolates_between_half_pixel_centres_like_cv2_resize()
    {
        // u = x on a 4×1 row; doubling samples source positions (i + 0.5)/2 − 0.5, clamped to [0, 3].
        var flow = new FlowField(4, 1, [0, 0, 1, 0, 2, 0, 3, 0]);

        FlowField resized = FlowResampling.Resize(flow, 8, 1, FlowRescaling.KeepDisplacements);

        float[] expected = [0f, 0.25f, 0.75f, 1.25f, 1.75f, 2.25f, 2.75f, 3f];
        for (int x = 0; x < 8; x++)
        {
            Assert.Equal(expected[x], resized.U(x, 0), 5);
        }
    }

    [Fact]
    public void Scaling_multiplies_each_component_by_its_own_ratio()
    {
        var flow = new FlowField(4, 2, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);

        FlowField resized = FlowResampling.Resize(flow, 2, 4, FlowRescaling.ScaleDisplacements);

        Assert.Equal(0.5f, resized.U(1, 3), 5);
        Assert.Equal(2f, resized.V(1, 3), 5);
    }

    [Fact]
    public void A_flow_already_at_the_target_size_is_returned_unchanged()
    {
        var flow = new FlowField(3, 2);

        Assert.Same(flow, FlowResampling.Resize(flow, 3, 2, FlowRescaling.ScaleDisplacements));
    }

    [Theory]
    [InlineData(100_000, 100_000)]
    [InlineData(8193, 128)]
    [InlineData(224, 0)]
    [InlineData(-1, 128)]
    public void A_target_size_outside_1_to_8192_is_an_invalid_argument(int width, int height)
    {
        var error = Assert.Throws<VideoSegException>(() => FlowResampling.Resize(new FlowField(4, 2), width, height, FlowRescaling.ScaleDisplacements));

        Assert.Equal(ErrorCodes.InvalidArgument, error.Code);
        Assert.Contains("8192", error.Message, StringComparison.Ordinal);
    }
}
