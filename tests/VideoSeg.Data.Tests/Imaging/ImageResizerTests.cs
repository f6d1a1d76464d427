using System;
using VideoSeg.Core;
using VideoSeg.Core.Imaging;
using VideoSeg.Data.Imaging;
using Xunit;

namespace VideoSeg.Data.Tests.Imaging;

public sealed class ImageResizerTests
{
    [Theory]
    [InlineData(100_000, 100_000)]
    [InlineData(224, 8193)]
    [InlineData(0, 128)]
    [InlineData(224, -5)]
    public void A_target_size_outside_1_to_8192_is_an_invalid_argument(int width, int height)
    {
        var error = Assert.Throws<VideoSegException>(() => ImageResizer.Resize(new RgbImage(4, 2, new byte[24]), width, height));

        Assert.Equal(ErrorCodes.InvalidArgument, error.Code);
        Assert.Contains("8192", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_largest_side_allowed_is_accepted()
    {
        RgbImage resized = ImageResizer.Resize(new RgbImage(4, 2, new byte[24]), SizeLimits.MaxWorkingSide, 1);

        Assert.Equal((SizeLimits.MaxWorkingSide, 1), (resized.Width, resized.Height));
    }
}
