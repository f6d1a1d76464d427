using System;
using VideoSeg.Core.Imaging;
using Xunit;

namespace VideoSeg.Core.Tests.Imaging;

public sealed class BinaryMaskTests
{
    [Fact]
    public void ThresholdIsStrictlyAbove()
    {
        BinaryMask mask = BinaryMask.FromProbabilities(2, 2, [0.5f, 0.51f, 0f, 1f]);

        Assert.Equal([0, 1, 0, 1], mask.Data);
        Assert.Equal(2, mask.CountForeground());
        Assert.True(mask[1, 0]);
        Assert.False(mask[0, 1]);
    }

    [Fact]
    public void RejectsABufferOfTheWrongSize() =>
        Assert.Throws<ArgumentException>(() => new BinaryMask(3, 3, new byte[8]));
}
