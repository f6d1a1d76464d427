using TorchSharp;
using VideoSeg.Models.Raft;
using Xunit;
using static TorchSharp.torch;

namespace VideoSeg.Models.Tests.Raft;

public sealed class RaftInputPadderTests
{
    [Theory]
    [InlineData(854, 480, 1, 1, 0, 0)]
    [InlineData(224, 128, 0, 0, 0, 0)]
    [InlineData(148, 124, 2, 2, 2, 2)]
    [InlineData(127, 121, 0, 1, 3, 4)]
    [InlineData(1024, 436, 0, 0, 2, 2)]
    public void PadsToMultiplesOfEightLikeInputPaddersSintelMode(int width, int height, int left, int right, int top, int bottom)
    {
        Assert.Equal((left, right, top, bottom), RaftInputPadder.Padding(width, height));
    }

    [Fact]
    public void PaddingReplicatesTheBorderAndUnpaddingRestoresTheFrame()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor frames = arange(2 * 3 * 5 * 6, ScalarType.Float32).reshape(2, 3, 5, 6);

        Tensor padded = RaftInputPadder.Pad(frames);

        Assert.Equal(new long[] { 2, 3, 8, 8 }, padded.shape);
        Assert.Equal(frames[1, 2, 0, 0].item<float>(), padded[1, 2, 0, 0].item<float>());
        Assert.Equal(frames[1, 2, 4, 5].item<float>(), padded[1, 2, 7, 7].item<float>());
        Assert.True(RaftInputPadder.Unpad(padded, 6, 5).equal(frames).all().item<bool>());
    }
}
