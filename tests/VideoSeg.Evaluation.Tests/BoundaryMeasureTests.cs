using VideoSeg.Core;
using VideoSeg.Core.Imaging;
using VideoSeg.Evaluation.Tests.Support;
using Xunit;

namespace VideoSeg.Evaluation.Tests;

public sealed class BoundaryMeasureTests
{
    [Fact]
    public void RadiusIsEightPixelsAtDavisResolution()
    {
        // ceil(0.008 · √(480² + 854²)) = ceil(7.837) = 8.
        Assert.Equal(8, BoundaryMeasure.Radius(854, 480, 0.008));
        Assert.Equal(3, BoundaryMeasure.Radius(854, 480, 3));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.1)]
    [InlineData(2.5)]
    [InlineData(double.NaN)]
    public void InvalidThresholdIsAnError(double threshold)
    {
        var error = Assert.Throws<VideoSegException>(() => BoundaryMeasure.Radius(854, 480, threshold));
        Assert.Equal(ErrorCodes.InvalidArgument, error.Code);
    }

    [Fact]
    public void HandComputedPartialMatch()
    {
        // Truth: columns 0..9 of a 20×10 image, boundary = column 9 (10 px).
        // Prediction: columns 0..9 in rows 0..4, columns 0..14 in rows 5..9; boundary = column 9 of rows
        // 0..4, columns 10..14 of row 4 and column 14 of rows 5..9 (15 px).
        // Radius 2: matched predicted pixels are column 9 rows 0..4 and (10,4), (11,4): P = 7/15.
        // Matched true pixels are rows 0..6 (row 6 is exactly 2 below (9,4)): R = 7/10.
        BinaryMask truth = Masks.Rectangle(20, 10, 0, 0, 10, 10);
        BinaryMask prediction = Masks.Rectangle(20, 10, 0, 0, 10, 10);
        for (int y = 5; y < 10; y++)
        {
            for (int x = 10; x < 15; x++)
            {
                prediction[x, y] = true;
            }
        }

        double p = 7.0 / 15.0;
        double r = 7.0 / 10.0;
        Assert.Equal(2 * p * r / (p + r), BoundaryMeasure.Compute(prediction, truth, 2), 12);
        Assert.Equal(0.56, BoundaryMeasure.Compute(prediction, truth, 2), 12);
    }

    [Fact]
    public void BoundaryJustOutsideTheDiskDoesNotMatch()
    {
        BinaryMask truth = Masks.Rectangle(20, 10, 0, 0, 10, 10);
        BinaryMask prediction = Masks.Rectangle(20, 10, 0, 0, 13, 10);
        Assert.Equal(0.0, BoundaryMeasure.Compute(prediction, truth, 2));
        Assert.Equal(1.0, BoundaryMeasure.Compute(prediction, truth, 3));
    }

    [Fact]
    public void EmptyPredictionScoresZero()
    {
        // No predicted boundary, some true boundary: P = 1, R = 0, F = 0.
        Assert.Equal(0.0, BoundaryMeasure.Compute(new BinaryMask(30, 20), Masks.Rectangle(30, 20, 5, 5, 10, 10)));
    }

    [Fact]
    public void EmptyTruthScoresZero()
    {
        Assert.Equal(0.0, BoundaryMeasure.Compute(Masks.Rectangle(30, 20, 5, 5, 10, 10), new BinaryMask(30, 20)));
    }

    [Fact]
    public void BothEmptyScoresOne()
    {
        Assert.Equal(1.0, BoundaryMeasure.Compute(new BinaryMask(30, 20), new BinaryMask(30, 20)));
    }

    [Fact]
    public void FullAndEmptyMasksBothHaveNoBoundary()
    {
        // A full mask has no boundary pixel either, so against an empty truth P = R = 1.
        Assert.Equal(1.0, BoundaryMeasure.Compute(Masks.Full(30, 20), new BinaryMask(30, 20)));
    }

    [Fact]
    public void IdenticalMasksScoreOne()
    {
        BinaryMask mask = Masks.RandomBlobs(300, 200, 3, 4);
        Assert.Equal(1.0, BoundaryMeasure.Compute(mask, mask));
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(5, 1, 2)]
    [InlineData(1, 9, 2)]
    [InlineData(64, 16, 3)]
    [InlineData(65, 17, 5)]
    [InlineData(130, 40, 8)]
    [InlineData(100, 60, 70)]
    public void MatchesBruteForceDiskDilation(int width, int height, int radius)
    {
        for (int seed = 0; seed < 6; seed++)
        {
            BinaryMask truth = Masks.RandomBlobs(width, height, seed, 2);
            BinaryMask prediction = Masks.RandomBlobs(width, height, seed + 100, 3);
            double expected = NaiveDavis.F(prediction, truth, radius);
            Assert.Equal(expected, BoundaryMeasure.Compute(prediction, truth, radius));
        }
    }

    [Fact]
    public void SizeMismatchIsAnError()
    {
        var error = Assert.Throws<VideoSegException>(() => BoundaryMeasure.Compute(new BinaryMask(8, 8), new BinaryMask(9, 8)));
        Assert.Equal(ErrorCodes.SizeMismatch, error.Code);
    }
}
