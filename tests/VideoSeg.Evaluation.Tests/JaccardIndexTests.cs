using VideoSeg.Core;
using VideoSeg.Core.Imaging;
using VideoSeg.Evaluation.Tests.Support;
using Xunit;

namespace VideoSeg.Evaluation.Tests;

public sealed class JaccardIndexTests
{
    [Fact]
    public void OverlappingRectanglesGiveIntersectionOverUnion()
    {
        // 4×4 and 4×4 squares overlapping in a 2×4 strip: 8 / (16 + 16 − 8) = 1/3.
        BinaryMask truth = Masks.Rectangle(10, 10, 0, 0, 4, 4);
        BinaryMask prediction = Masks.Rectangle(10, 10, 2, 0, 6, 4);
        Assert.Equal(1.0 / 3.0, JaccardIndex.Compute(prediction, truth), 15);
    }

    [Fact]
    public void RowsWiderThanOneWordAreCountedWhole()
    {
        BinaryMask truth = Masks.Rectangle(130, 3, 0, 0, 130, 3);
        BinaryMask prediction = Masks.Rectangle(130, 3, 60, 1, 129, 2);
        Assert.Equal(69.0 / 390.0, JaccardIndex.Compute(prediction, truth), 15);
    }

    [Fact]
    public void EmptyPredictionScoresZero()
    {
        Assert.Equal(0.0, JaccardIndex.Compute(new BinaryMask(8, 8), Masks.Rectangle(8, 8, 1, 1, 3, 3)));
    }

    [Fact]
    public void EmptyTruthScoresZeroAgainstAnyPrediction()
    {
        Assert.Equal(0.0, JaccardIndex.Compute(Masks.Rectangle(8, 8, 1, 1, 3, 3), new BinaryMask(8, 8)));
    }

    [Fact]
    public void BothEmptyScoresOne()
    {
        Assert.Equal(1.0, JaccardIndex.Compute(new BinaryMask(8, 8), new BinaryMask(8, 8)));
    }

    [Fact]
    public void AnyNonZeroByteIsForeground()
    {
        var truth = new BinaryMask(2, 1, [255, 0]);
        var prediction = new BinaryMask(2, 1, [1, 7]);
        Assert.Equal(0.5, JaccardIndex.Compute(prediction, truth));
    }

    [Fact]
    public void SizeMismatchIsAnError()
    {
        var error = Assert.Throws<VideoSegException>(() => JaccardIndex.Compute(new BinaryMask(8, 8), new BinaryMask(8, 9)));
        Assert.Equal(ErrorCodes.SizeMismatch, error.Code);
    }
}
