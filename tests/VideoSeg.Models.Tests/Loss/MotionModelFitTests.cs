using VideoSeg.Core;
using VideoSeg.Models.Loss;
using Xunit;
using static TorchSharp.torch;

namespace VideoSeg.Models.Tests.Loss;

public sealed class MotionModelFitTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(MotionModelFit.DefaultRidge)]
    public void Solve_OneFullMask_RecoversTheQuadraticExactly(double ridge)
    {
        using var scope = NewDisposeScope();
        Tensor flow = SyntheticFlows.Quadratic(SyntheticFlows.Background, 128, 224, ScalarType.Float64);
        Tensor masks = ones(1, 1, 128, 224, dtype: ScalarType.Float64);

        MotionModelSolution solution = MotionModelFit.Solve(masks, flow, ridge);

        Assert.Equal([1L, 1L, 6L, 2L], solution.Theta.shape);
        Tensor expected = SyntheticFlows.Theta(SyntheticFlows.Background, ScalarType.Float64);
        Assert.True(solution.Theta[0, 0].allclose(expected, rtol: 0, atol: 1e-4), Describe(solution.Theta[0, 0], expected));
        Assert.True(solution.Reconstruction.allclose(flow, rtol: 0, atol: 1e-4));
    }

    [Fact]
    public void Solve_OneFullMaskInFloat32_RecoversTheQuadraticToFloatPrecision()
    {
        using var scope = NewDisposeScope();
        Tensor flow = SyntheticFlows.Quadratic(SyntheticFlows.Background, 128, 224, ScalarType.Float32);
        Tensor masks = ones(1, 1, 128, 224);

        MotionModelSolution solution = MotionModelFit.Solve(masks, flow);

        Tensor expected = SyntheticFlows.Theta(SyntheticFlows.Background, ScalarType.Float32);
        Assert.True(solution.Theta[0, 0].allclose(expected, rtol: 0, atol: 1e-3), Describe(solution.Theta[0, 0], expected));
        Assert.True(solution.Reconstruction.allclose(flow, rtol: 0, atol: 1e-3));
    }

    [Fact]
    public void Solve_TwoHardSegments_RecoversBothMotionsAndTheFlow()
    {
        using var scope = NewDisposeScope();
        Tensor foreground = SyntheticFlows.Rectangle(64, 96, 16, 24, 52, 80, ScalarType.Float64);
        Tensor flow = SyntheticFlows.TwoRegions(foreground, ScalarType.Float64);
        Tensor masks = cat([1 - foreground, foreground], 1);

        MotionModelSolution solution = MotionModelFit.Solve(masks, flow, ridge: 0);

        Tensor background = SyntheticFlows.Theta(SyntheticFlows.Background, ScalarType.Float64);
        Tensor moving = SyntheticFlows.Theta(SyntheticFlows.Foreground, ScalarType.Float64);
        Assert.True(solution.Theta[0, 0].allclose(background, rtol: 0, atol: 1e-4), Describe(solution.Theta[0, 0], background));
        Assert.True(solution.Theta[0, 1].allclose(moving, rtol: 0, atol: 1e-4), Describe(solution.Theta[0, 1], moving));
        Assert.True(solution.Reconstruction.allclose(flow, rtol: 0, atol: 1e-6));
    }

    [Fact]
    public void Solve_BatchesOverFramesIndependently()
    {
        using var scope = NewDisposeScope();
        Tensor first = SyntheticFlows.Quadratic(SyntheticFlows.Background, 32, 48, ScalarType.Float64);
        Tensor second = SyntheticFlows.Quadratic(SyntheticFlows.Foreground, 32, 48, ScalarType.Float64);
        Tensor masks = ones(2, 1, 32, 48, dtype: ScalarType.Float64);

        MotionModelSolution solution = MotionModelFit.Solve(masks, cat([first, second], 0), ridge: 0);

        Assert.True(solution.Theta[1, 0].allclose(SyntheticFlows.Theta(SyntheticFlows.Foreground, ScalarType.Float64), rtol: 0, atol: 1e-6));
        Assert.True(solution.Theta[0, 0].allclose(SyntheticFlows.Theta(SyntheticFlows.Background, ScalarType.Float64), rtol: 0, atol: 1e-6));
    }

    [Fact]
    public void Solve_AnEmptySegment_GetsZeroParametersAndNoNaN()
    {
        using var scope = NewDisposeScope();
        Tensor flow = SyntheticFlows.Quadratic(SyntheticFlows.Background, 32, 48, ScalarType.Float32);
        Tensor masks = cat([ones(1, 1, 32, 48), zeros(1, 1, 32, 48)], 1).requires_grad_();

        MotionModelSolution solution = MotionModelFit.Solve(masks, flow);
        solution.Reconstruction.square().sum().backward();

        Assert.False(solution.Theta.isnan().any().item<bool>());
        Assert.Equal(0f, solution.Theta[0, 1].abs().max().item<float>());
        Assert.True(solution.Reconstruction.allclose(flow, rtol: 0, atol: 1e-3));
        Assert.True(masks.grad is not null && masks.grad.isfinite().all().item<bool>());
    }

    [Fact]
    public void Solve_RejectsMasksOfAnotherSize()
    {
        using var scope = NewDisposeScope();
        VideoSegException error = Assert.Throws<VideoSegException>(() => MotionModelFit.Solve(ones(1, 2, 8, 8), zeros(1, 2, 8, 9)));
        Assert.Equal(ErrorCodes.SizeMismatch, error.Code);
    }

    [Fact]
    public void Solve_RejectsANegativeRidge()
    {
        using var scope = NewDisposeScope();
        VideoSegException error = Assert.Throws<VideoSegException>(() => MotionModelFit.Solve(ones(1, 2, 8, 8), zeros(1, 2, 8, 8), -1));
        Assert.Equal(ErrorCodes.InvalidArgument, error.Code);
    }

    private static string Describe(Tensor actual, Tensor expected) =>
        $"max |θ − θ*| = {(actual - expected).abs().max().to_type(ScalarType.Float64).item<double>()}";
}
