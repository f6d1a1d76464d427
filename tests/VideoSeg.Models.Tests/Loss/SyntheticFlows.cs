using VideoSeg.Models.Loss;
using static TorchSharp.torch;

namespace VideoSeg.Models.Tests.Loss;

/// <summary>Quadratic flows with known parameters, for the fit and loss tests.</summary>
internal static class SyntheticFlows
{
    /// <summary>Parameters (6, 2) of a gently curved motion (pixels): rows x, y, x², y², xy, 1; columns u, v.</summary>
    internal static readonly double[,] Background =
    {
        { 1.5, -2.0 },
        { -0.75, 1.25 },
        { 2.0, 0.5 },
        { -1.0, 3.0 },
        { 0.5, -1.5 },
        { 3.0, -4.0 },
    };

    /// <summary>A second, clearly different motion.</summary>
    internal static readonly double[,] Foreground =
    {
        { -4.0, 1.0 },
        { 2.5, -3.5 },
        { 1.0, 2.0 },
        { 0.75, -0.5 },
        { -2.0, 1.0 },
        { -6.0, 5.0 },
    };

    /// <summary>The parameters as a (6, 2) tensor.</summary>
    internal static Tensor Theta(double[,] parameters, ScalarType dtype) => tensor(parameters, dtype: dtype);

    /// <summary>The flow (1, 2, H, W) of one quadratic motion over the whole image.</summary>
    internal static Tensor Quadratic(double[,] parameters, long height, long width, ScalarType dtype)
    {
        Tensor basis = QuadraticMotionBasis.Create(height, width, CPU, dtype);
        return basis.matmul(Theta(parameters, dtype)).transpose(0, 1).reshape(1, 2, height, width);
    }

    /// <summary>A hard foreground mask (1, 1, H, W): an axis-aligned rectangle.</summary>
    internal static Tensor Rectangle(long height, long width, long top, long left, long bottom, long right, ScalarType dtype)
    {
        Tensor mask = zeros(1, 1, height, width, dtype: dtype);
        mask[.., .., TensorIndex.Slice(top, bottom), TensorIndex.Slice(left, right)] = 1.0;
        return mask;
    }

    /// <summary>The flow (1, 2, H, W) with <see cref="Foreground"/> inside <paramref name="foreground"/> and <see cref="Background"/> outside.</summary>
    internal static Tensor TwoRegions(Tensor foreground, ScalarType dtype)
    {
        long height = foreground.shape[2];
        long width = foreground.shape[3];
        return (Quadratic(Foreground, height, width, dtype) * foreground) + (Quadratic(Background, height, width, dtype) * (1 - foreground));
    }
}
