using System;
using VideoSeg.Core;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace VideoSeg.Models.Loss;

/// <summary>
/// GWM's flow reconstruction loss (<c>src/losses/reconstruction_loss.py</c> with the steps of <c>src/main.py</c>
/// around it): softmax of the mask logits over K, bilinear upsampling of the probabilities to the flow's resolution
/// (<c>align_corners=False</c>), the flow clamped to ±<see cref="FlowReconstructionLossOptions.FlowClip"/>, the
/// per-segment quadratic fit of <see cref="MotionModelFit"/>, and
/// <see cref="FlowReconstructionLossOptions.Weight"/> × MSE(F, F̂) averaged over every element. Nothing is
/// detached: as in GWM the gradient reaches the masks both through A_k and through θ_k.
/// </summary>
public sealed class FlowReconstructionLoss
{
    /// <summary>Creates the loss with GWM's settings, or <paramref name="options"/> where given.</summary>
    public FlowReconstructionLoss(FlowReconstructionLossOptions? options = null)
    {
        Options = options ?? new FlowReconstructionLossOptions();
        if (!(Options.Weight >= 0) || double.IsInfinity(Options.Weight))
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, $"the loss weight must be finite and non-negative, got {Options.Weight}");
        }

        if (!(Options.FlowClip > 0))
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, $"the flow clip must be positive, got {Options.FlowClip}");
        }
    }

    /// <summary>The settings in use.</summary>
    public FlowReconstructionLossOptions Options { get; }

    /// <summary>
    /// The scalar loss. <paramref name="maskLogits"/> is (B, K, h, w), raw (before softmax);
    /// <paramref name="flow"/> is (B, 2, H, W) in pixels, u then v, on the same device and of the same dtype.
    /// </summary>
    public Tensor Compute(Tensor maskLogits, Tensor flow)
    {
        ArgumentNullException.ThrowIfNull(maskLogits);
        ArgumentNullException.ThrowIfNull(flow);
        if (flow.dim() != 4 || flow.shape[1] != 2)
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, $"flow must be (B, 2, H, W), got [{string.Join(",", flow.shape)}]");
        }

        using var scope = NewDisposeScope();
        Tensor masks = MaskProbabilities(maskLogits, flow.shape[2], flow.shape[3]);
        Tensor target = ClipFlow(flow);
        MotionModelSolution solution = MotionModelFit.Solve(masks, target, Options.Ridge);
        Tensor loss = mse_loss(solution.Reconstruction, target) * Options.Weight;
        return loss.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The mask probabilities the fit uses: softmax over K (dimension 1) at the logits' resolution, then, where
    /// the sizes differ, bilinear interpolation to (<paramref name="height"/>, <paramref name="width"/>) with
    /// <c>align_corners=False</c>, in GWM's order.
    /// </summary>
    public static Tensor MaskProbabilities(Tensor maskLogits, long height, long width)
    {
        ArgumentNullException.ThrowIfNull(maskLogits);
        if (maskLogits.dim() != 4)
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, $"mask logits must be (B, K, h, w), got [{string.Join(",", maskLogits.shape)}]");
        }

        if (height <= 0 || width <= 0)
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, $"the target size must be positive, got {height}x{width} (H x W)");
        }

        using var scope = NewDisposeScope();
        Tensor probabilities = softmax(maskLogits, 1);
        if (probabilities.shape[2] != height || probabilities.shape[3] != width)
        {
            probabilities = interpolate(probabilities, size: [height, width], mode: InterpolationMode.Bilinear, align_corners: false);
        }

        return probabilities.MoveToOuterDisposeScope();
    }

    private Tensor ClipFlow(Tensor flow) =>
        double.IsPositiveInfinity(Options.FlowClip) ? flow.alias() : flow.clamp(-Options.FlowClip, Options.FlowClip);
}
