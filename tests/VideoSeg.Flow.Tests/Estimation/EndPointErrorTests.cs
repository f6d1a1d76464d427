using VideoSeg.Core;
using VideoSeg.Core.Imaging;
using VideoSeg.Flow.Estimation;
using Xunit;

namespace VideoSeg.Flow.Tests.Estimation;

public sealed class EndPointErrorTests
{
    [Fact]
    public void Mean_averages_euclidean_distances()
    {
        var estimate = new FlowField(2, 1, [3, 4, 1, 1]);
        var truth = new FlowField(2, 1, [0, 0, 1, 2]);

        Assert.Equal(3.0, EndPointError.Mean(estimate, truth), 10);
    }

    [Fact]
    public void Different_sizes_are_rejected()
    {
        var error = Assert.Throws<VideoSegException>(() => EndPointError.Mean(new FlowField(2, 1), new FlowField(1, 2)));

        Assert.Equal(ErrorCodes.SizeMismatch, error.Code);
    }
}
