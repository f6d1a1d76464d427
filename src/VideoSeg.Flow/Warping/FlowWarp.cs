using System;
using VideoSeg.Core;
using VideoSeg.Core.Imaging;
using static TorchSharp.torch;

namespace VideoSeg.Flow.Warping;

/// <summary>
/// Backward warping: the output at pixel x is the input sampled bilinearly at x + flow(x). To carry
/// the content of frame s into frame t, pass frame s and the flow t→s (a flow defined on the target).
/// </summary>
/// <remarks>
/// The paper (Sec. 4.2) uses "the optical flow warping function from SSL-VOS"; that is
/// <see cref="WarpConvention.SslVos"/>. Its iterative experiment (Sec. 5.3) ran a variant without the
/// normalisation, <see cref="WarpConvention.PaperIterativeCode"/>. The harness defaults to
/// <see cref="WarpConvention.PixelExact"/> and labels every result with the convention used.
/// </remarks>
public static class FlowWarp
{
    /// <summary>
    /// Samples <paramref name="input"/> (N, C, H, W) at x + <paramref name="flow"/>(x), where the flow is
    /// (N, 2, H, W) in pixels, u (horizontal) then v (vertical). Bilinear; what lies outside the image is
    /// read as <paramref name="padding"/> says. Works on any device and keeps the input's device.
    /// </summary>
    public static Tensor Backward(Tensor input, Tensor flow, WarpConvention convention, WarpPadding padding = WarpPadding.Zeros)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(flow);
        if (input.dim() != 4 || flow.dim() != 4 || flow.shape[1] != 2
            || flow.shape[0] != input.shape[0] || flow.shape[2] != input.shape[2] || flow.shape[3] != input.shape[3])
        {
            throw new VideoSegException(
                ErrorCodes.SizeMismatch,
                $"backward warp expects input (N,C,H,W) and flow (N,2,H,W) of the same N, H, W; got input [{string.Join(",", input.shape)}] and flow [{string.Join(",", flow.shape)}]");
        }

        long height = input.shape[2];
        long width = input.shape[3];
        if (convention != WarpConvention.PaperIterativeCode && (height < 2 || width < 2))
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, $"backward warp needs at least 2×2 pixels to normalise coordinates, got {width}×{height}");
        }

        using var scope = NewDisposeScope();
        Tensor values = input.dtype == ScalarType.Float32 ? input : input.to_type(ScalarType.Float32);
        Tensor pixelFlow = flow.dtype == ScalarType.Float32 ? flow : flow.to_type(ScalarType.Float32);
        Tensor grid;
        bool alignCorners;
        switch (convention)
        {
            case WarpConvention.PixelExact:
            {
                Tensor xs = arange(width, dtype: ScalarType.Float32, device: input.device).view(1, 1, width);
                Tensor ys = arange(height, dtype: ScalarType.Float32, device: input.device).view(1, height, 1);
                Tensor gx = (xs + pixelFlow[.., 0]) * (2.0 / (width - 1)) - 1.0;
                Tensor gy = (ys + pixelFlow[.., 1]) * (2.0 / (height - 1)) - 1.0;
                grid = stack([gx, gy], dim: -1);
                alignCorners = true;
                break;
            }

            case WarpConvention.SslVos:
            {
                // flow[..., 0] / (w − 1), flow[..., 1] / (h − 1), then affine_grid + 2·flow, as in utils/flow_utils.py.
                Tensor scale = tensor(new float[] { 1f / (width - 1), 1f / (height - 1) }, device: input.device).view(1, 1, 1, 2);
                grid = IdentityGrid(input.shape[0], height, width, input.device) + (2.0 * pixelFlow.permute(0, 2, 3, 1) * scale);
                alignCorners = true;
                break;
            }

            case WarpConvention.PaperConsistencyCode:
            {
                Tensor scale = tensor(new float[] { 1f / (width - 1), 1f / (height - 1) }, device: input.device).view(1, 1, 1, 2);
                grid = IdentityGrid(input.shape[0], height, width, input.device) + (2.0 * pixelFlow.permute(0, 2, 3, 1) * scale);
                alignCorners = false;
                break;
            }

            case WarpConvention.PaperIterativeCode:
                // The division is commented out in iterative_warping.py, so pixels are added to normalised coordinates.
                grid = IdentityGrid(input.shape[0], height, width, input.device) + (2.0 * pixelFlow.permute(0, 2, 3, 1));
                alignCorners = false;
                break;

            default:
                throw new VideoSegException(ErrorCodes.InvalidArgument, $"unknown warp convention {convention}");
        }

        Tensor warped = nn.functional.grid_sample(
            values,
            grid,
            mode: GridSampleMode.Bilinear,
            padding_mode: padding == WarpPadding.Border ? GridSamplePaddingMode.Border : GridSamplePaddingMode.Zeros,
            align_corners: alignCorners);
        return warped.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Backward-warps a single-channel float image (row-major, <paramref name="flow"/>'s size) on the CPU.
    /// A convenience for tests and small uses; sequences should use the tensor overload.
    /// </summary>
    public static float[] Backward(float[] values, FlowField flow, WarpConvention convention, WarpPadding padding = WarpPadding.Zeros)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(flow);
        if (values.Length != flow.Width * flow.Height)
        {
            throw new VideoSegException(ErrorCodes.SizeMismatch, $"expected {flow.Width * flow.Height} values for a {flow.Width}×{flow.Height} flow, got {values.Length}");
        }

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor input = tensor(values, new long[] { 1, 1, flow.Height, flow.Width });
        Tensor warped = Backward(input, FlowTensors.FromFlowField(flow, CPU), convention, padding);
        return warped.contiguous().data<float>().ToArray();
    }

    /// <summary>
    /// Backward-warps a binary mask and thresholds the bilinear result strictly above
    /// <paramref name="threshold"/> (on the CPU; a convenience for tests and small uses).
    /// </summary>
    public static BinaryMask Backward(BinaryMask mask, FlowField flow, WarpConvention convention, float threshold = 0.5f)
    {
        ArgumentNullException.ThrowIfNull(mask);
        ArgumentNullException.ThrowIfNull(flow);
        if (mask.Width != flow.Width || mask.Height != flow.Height)
        {
            throw new VideoSegException(ErrorCodes.SizeMismatch, $"mask is {mask.Width}×{mask.Height} but flow is {flow.Width}×{flow.Height}");
        }

        float[] warped = Backward(mask.ToFloats(), flow, convention);
        return BinaryMask.FromProbabilities(mask.Width, mask.Height, warped, threshold);
    }

    /// <summary>PyTorch's identity <c>affine_grid</c> with <c>align_corners=false</c>: pixel centres at (2i+1)/n − 1.</summary>
    private static Tensor IdentityGrid(long batch, long height, long width, Device device)
    {
        Tensor theta = tensor(new float[] { 1, 0, 0, 0, 1, 0 }, device: device).view(1, 2, 3).expand(batch, 2, 3);
        return nn.functional.affine_grid(theta, new long[] { batch, 1, height, width }, align_corners: false);
    }
}
