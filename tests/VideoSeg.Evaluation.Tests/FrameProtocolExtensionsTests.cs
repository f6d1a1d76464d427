using VideoSeg.Core;
using Xunit;

namespace VideoSeg.Evaluation.Tests;

public sealed class FrameProtocolExtensionsTests
{
    [Theory]
    [InlineData(FrameProtocol.All, new[] { 0, 1, 2, 3, 4 })]
    [InlineData(FrameProtocol.SkipFirst, new[] { 1, 2, 3, 4 })]
    [InlineData(FrameProtocol.SkipFirstAndLast, new[] { 1, 2, 3 })]
    [InlineData(FrameProtocol.GwmIndexAboveOne, new[] { 2, 3, 4 })]
    public void CountedFramesOfFiveFrameSequence(FrameProtocol protocol, int[] expected)
    {
        Assert.Equal(expected, protocol.CountedFrames(5));
    }

    [Fact]
    public void ShortSequencesCanHaveNoCountedFrame()
    {
        Assert.Empty(FrameProtocol.SkipFirstAndLast.CountedFrames(2));
        Assert.Empty(FrameProtocol.GwmIndexAboveOne.CountedFrames(2));
        Assert.Equal([0], FrameProtocol.All.CountedFrames(1));
    }

    [Fact]
    public void IndexOutsideTheSequenceIsAnError()
    {
        var error = Assert.Throws<VideoSegException>(() => FrameProtocol.All.IsCounted(5, 5));
        Assert.Equal(ErrorCodes.InvalidArgument, error.Code);
    }

    [Fact]
    public void UnknownProtocolIsAnError()
    {
        var error = Assert.Throws<VideoSegException>(() => ((FrameProtocol)42).IsCounted(0, 5));
        Assert.Equal(ErrorCodes.InvalidArgument, error.Code);
    }
}
