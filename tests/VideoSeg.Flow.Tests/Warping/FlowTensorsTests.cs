using VideoSeg.Core;
using VideoSeg.Core.Imaging;
using VideoSeg.Flow.Warping;
using Xunit;
using static TorchSharp.torch;

namespace VideoSeg.Flow.Tests.Warping;

public sealed class FlowTensorsTests
{
    [Fact]
    public void ImagesBecomePlanarFloatChannelsInRgbOrder()
    {
        // Two 2×1 images: pixel (x, y) of image i holds R = 10i + x, G = 100 + x, B = 200 + i.
        RgbImage first = new(2, 1, [0, 100, 200, 1, 101, 200]);
        RgbImage second = new(2, 1, [10, 100, 201, 11, 101, 201]);

        using Tensor images = FlowTensors.FromImages([first, second], CPU);

        Assert.Equal(new long[] { 2, 3, 1, 2 }, images.shape);
        Assert.Equal(ScalarType.Float32, images.dtype);
        Assert.Equal(new float[] { 0, 1, 100, 101, 200, 200, 10, 11, 100, 101, 201, 201 }, images.data<float>().ToArray());
    }

    [Fact]
    public void ImagesOfDifferentSizesAreRejected()
    {
        var ex = Assert.Throws<VideoSegException>(() => FlowTensors.FromImages([new RgbImage(2, 1, new byte[6]), new RgbImage(1, 2, new byte[6])], CPU));

        Assert.Equal(ErrorCodes.SizeMismatch, ex.Code);
    }
}
