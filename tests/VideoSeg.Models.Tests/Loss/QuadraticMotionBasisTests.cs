using VideoSeg.Core;
using VideoSeg.Models.Loss;
using Xunit;
using static TorchSharp.torch;

namespace VideoSeg.Models.Tests.Loss;

public sealed class QuadraticMotionBasisTests
{
    [Fact]
    public void Grid_IsRowOverHeightDownAndColumnOverWidthAcross()
    {
        using var scope = NewDisposeScope();
        (Tensor x, Tensor y) = QuadraticMotionBasis.Grid(4, 5, CPU);

        Assert.Equal([4L, 5L], x.shape);
        Assert.Equal(3.0f / 4, x[3, 0].item<float>());
        Assert.Equal(3.0f / 4, x[3, 4].item<float>());
        Assert.Equal(0f, y[3, 0].item<float>());
        Assert.Equal(4.0f / 5, y[0, 4].item<float>());
        Assert.True(x.max().item<float>() < 1 && y.max().item<float>() < 1);
    }

    [Fact]
    public void Create_HoldsTheSixFeaturesInGwmOrderPerPixelInRowMajorOrder()
    {
        using var scope = NewDisposeScope();
        Tensor basis = QuadraticMotionBasis.Create(4, 5, CPU, ScalarType.Float64);

        Assert.Equal([20L, 6L], basis.shape);
        const int Row = 2;
        const int Column = 3;
        double x = Row / 4.0;
        double y = Column / 5.0;
        double[] expected = [x, y, x * x, y * y, x * y, 1];
        double[] actual = basis[(Row * 5) + Column].data<double>().ToArray();
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Create_RejectsAnEmptySize()
    {
        VideoSegException error = Assert.Throws<VideoSegException>(() => QuadraticMotionBasis.Create(0, 5, CPU));
        Assert.Equal(ErrorCodes.InvalidArgument, error.Code);
    }
}
