using VideoSeg.Core.Imaging;
using VideoSeg.Evaluation.Tests.Support;
using Xunit;

namespace VideoSeg.Evaluation.Tests;

public sealed class BoundaryMapTests
{
    [Fact]
    public void SquareBoundarySitsHalfAPixelTowardsTheOrigin()
    {
        // A 2×2 square at (2,2) in a 6×5 image. Pixels differing from their east, south or south-east
        // neighbour: the row above and the column left of the square (they see it to the south/east),
        // and the square's own last row and column, but not its top-left pixel.
        BinaryMask square = Masks.Rectangle(6, 5, 2, 2, 4, 4);
        string[] expected =
        [
            "000000",
            "011100",
            "010100",
            "011100",
            "000000",
        ];
        AssertMap(expected, BoundaryMap.Compute(square));
    }

    [Fact]
    public void LastRowComparesEastOnlyLastColumnSouthOnlyCornerNever()
    {
        // Foreground in the bottom-right 2×2 corner of a 3×3 image.
        BinaryMask corner = Masks.Rectangle(3, 3, 1, 1, 3, 3);
        string[] expected =
        [
            "111",
            "100",
            "100",
        ];
        AssertMap(expected, BoundaryMap.Compute(corner));
    }

    [Fact]
    public void FullMaskHasNoBoundary()
    {
        Assert.Equal(0, BoundaryMap.Compute(Masks.Full(70, 4)).CountForeground());
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 7)]
    [InlineData(7, 1)]
    [InlineData(63, 5)]
    [InlineData(64, 5)]
    [InlineData(65, 6)]
    [InlineData(200, 9)]
    public void MatchesPlainTranscriptionOnRandomMasks(int width, int height)
    {
        for (int seed = 0; seed < 5; seed++)
        {
            BinaryMask mask = Masks.RandomBlobs(width, height, seed, 3);
            bool[,] expected = NaiveDavis.BoundaryMap(mask);
            BinaryMask actual = BoundaryMap.Compute(mask);
            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    Assert.True(expected[y, x] == actual[x, y], $"seed {seed}: pixel ({x},{y}) is {actual[x, y]}, expected {expected[y, x]}");
                }
            }
        }
    }

    private static void AssertMap(string[] expected, BinaryMask actual)
    {
        var rows = new string[actual.Height];
        for (int y = 0; y < actual.Height; y++)
        {
            var chars = new char[actual.Width];
            for (int x = 0; x < actual.Width; x++)
            {
                chars[x] = actual[x, y] ? '1' : '0';
            }

            rows[y] = new string(chars);
        }

        Assert.Equal(expected, rows);
    }
}
