using System;
using VideoSeg.Core;
using static TorchSharp.torch;

namespace VideoSeg.Models.Loss;

/// <summary>
/// GWM's quadratic motion model basis (<c>src/utils/grid.py</c>, <c>src/flow_reconstruction.py</c>): the
/// coordinates x = row / H and y = col / W, both in [0, 1), from <c>torch.meshgrid(arange(H) / H,
/// arange(W) / W, indexing='ij')</c> (so x runs down the image and y across it), and per pixel the six
/// features [x, y, x², y², xy, 1] in that column order.
/// </summary>
public static class QuadraticMotionBasis
{
    /// <summary>The number of basis functions (parameters per flow component).</summary>
    public const int Size = 6;

    /// <summary>
    /// The grid (x, y), each (H, W): x = row / H and y = col / W, as GWM's <c>get_meshgrid</c>.
    /// </summary>
    public static (Tensor X, Tensor Y) Grid(long height, long width, Device device, ScalarType dtype = ScalarType.Float32)
    {
        ArgumentNullException.ThrowIfNull(device);
        RequirePositive(height, width);
        using var scope = NewDisposeScope();

        // GWM divides float32 aranges; computing in the requested type keeps float64 fits exact.
        Tensor rows = arange(height, dtype: dtype, device: device) / height;
        Tensor cols = arange(width, dtype: dtype, device: device) / width;
        Tensor x = rows.view(height, 1).expand(height, width).contiguous();
        Tensor y = cols.view(1, width).expand(height, width).contiguous();
        return (x.MoveToOuterDisposeScope(), y.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// The basis (H·W, 6), pixels in row-major order, columns [x, y, x², y², xy, 1].
    /// </summary>
    public static Tensor Create(long height, long width, Device device, ScalarType dtype = ScalarType.Float32)
    {
        ArgumentNullException.ThrowIfNull(device);
        RequirePositive(height, width);
        using var scope = NewDisposeScope();
        (Tensor gridX, Tensor gridY) = Grid(height, width, device, dtype);
        Tensor x = gridX.flatten();
        Tensor y = gridY.flatten();
        Tensor basis = stack([x, y, x * x, y * y, x * y, ones_like(x)], 1);
        return basis.MoveToOuterDisposeScope();
    }

    private static void RequirePositive(long height, long width)
    {
        if (height <= 0 || width <= 0)
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, $"the motion basis needs a positive size, got {height}x{width} (H x W)");
        }
    }
}
