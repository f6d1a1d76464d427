using System;
using VideoSeg.Core;
using VideoSeg.Core.Imaging;
using VideoSeg.Flow.Warping;
using static TorchSharp.torch;

namespace VideoSeg.Flow.Occlusion;

/// <summary>
/// UnFlow's forward–backward consistency check (Meister et al., AAAI 2018), used by the seed paper
/// (Sec. 4.2.1, eq. 1) with its semantics switched: the result is 1 where a pixel is VISIBLE (not occluded)
/// in the next frame and 0 where it is occluded.
/// </summary>
public static class UnFlowOcclusion
{
    /// <summary>
    /// Visibility (N, 1, H, W), float 1 = visible, of the pixels of the source frames under their forward
    /// flow. <paramref name="forward"/> is w_f (N, 2, H, W), source→target; <paramref name="backward"/> is
    /// w_b (N, 2, H, W), target→source, defined on the target frame. Both in pixels, u then v.
    /// </summary>
    public static Tensor Visibility(Tensor forward, Tensor backward, OcclusionOptions options)
    {
        ArgumentNullException.ThrowIfNull(forward);
        ArgumentNullException.ThrowIfNull(backward);
        ArgumentNullException.ThrowIfNull(options);
        if (!forward.shape.AsSpan().SequenceEqual(backward.shape))
        {
            throw new VideoSegException(
                ErrorCodes.SizeMismatch,
                $"forward flow [{string.Join(",", forward.shape)}] and backward flow [{string.Join(",", backward.shape)}] differ in shape");
        }

        using var scope = NewDisposeScope();
        WarpPadding padding = options.Variant == OcclusionVariant.UnFlowCode ? WarpPadding.Border : WarpPadding.Zeros;
        Tensor warpedBackward = FlowWarp.Backward(backward, forward, options.WarpConvention, padding);
        Tensor differenceSquared = (forward + warpedBackward).square().sum(1, keepdim: true);
        Tensor backwardInMagnitude = options.Variant == OcclusionVariant.UnFlowCode ? backward : warpedBackward;
        Tensor magnitudeSquared = forward.square().sum(1, keepdim: true) + backwardInMagnitude.square().sum(1, keepdim: true);
        Tensor threshold = (options.Alpha1 * magnitudeSquared) + options.Alpha2;
        Tensor visible = options.Variant == OcclusionVariant.UnFlowCode
            ? differenceSquared.le(threshold)
            : differenceSquared.lt(threshold);
        return visible.to_type(ScalarType.Float32).MoveToOuterDisposeScope();
    }

    /// <summary>The visibility mask (1 = visible) of one forward/backward pair of Core flow fields, on the CPU.</summary>
    public static BinaryMask Visibility(FlowField forward, FlowField backward, OcclusionOptions options)
    {
        ArgumentNullException.ThrowIfNull(forward);
        ArgumentNullException.ThrowIfNull(backward);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor visible = Visibility(FlowTensors.FromFlowField(forward, CPU), FlowTensors.FromFlowField(backward, CPU), options);
        return FlowTensors.ToMasks(visible)[0];
    }
}
