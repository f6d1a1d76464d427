using System;
using Xunit;

namespace VideoSeg.Core.Tests;

public sealed class SizeLimitsTests
{
    [Theory]
    [InlineData(1, 1, true)]
    [InlineData(16384, 4096, true)]
    [InlineData(8192, 8192, true)]
    [InlineData(16385, 1, false)]
    [InlineData(16384, 16384, false)]
    [InlineData(0, 10, false)]
    [InlineData(10, -1, false)]
    [InlineData(int.MaxValue, int.MaxValue, false)]
    public void File_sizes_are_bounded_per_side_and_in_pixels(int width, int height, bool valid)
    {
        Assert.Equal(valid, SizeLimits.IsValidFileSize(width, height));
    }

    [Fact]
    public void A_working_size_beyond_the_bound_names_the_option_and_the_bound()
    {
        var error = Assert.Throws<VideoSegException>(() => SizeLimits.CheckWorkingSize(224, 100_000, "--width", "--height"));

        Assert.Equal(ErrorCodes.InvalidArgument, error.Code);
        Assert.Null(error.Path);
        Assert.Contains("--height 100000", error.Message, StringComparison.Ordinal);
        Assert.Contains("1 to 8192", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Working_sizes_within_the_bound_pass()
    {
        SizeLimits.CheckWorkingSize(1, SizeLimits.MaxWorkingSide, "w", "h");
    }
}
