using System;
using VideoSeg.Core;
using static TorchSharp.torch;

namespace VideoSeg.Models.Loss;

/// <summary>
/// GWM's per-segment least-squares fit of the quadratic motion model (<c>get_quad_flow</c> and <c>lstq</c> in
/// <c>src/flow_reconstruction.py</c>), batched over the batch and the segments instead of GWM's loop over K.
/// For each segment k: A_k = M_k ⊙ [x, y, x², y², xy, 1], b_k = M_k ⊙ F, θ_k = argmin |A_k θ − b_k|² for u and v
/// separately, by a reduced QR factorisation as GWM does (GWM multiplies by inv(R); a triangular solve gives the
/// same θ more stably), and F̂ = Σ_k A_k θ_k. Gradients flow through the QR and the solve to the masks.
/// </summary>
public static class MotionModelFit
{
    /// <summary>
    /// The default ridge λ: the fit solves [A_k; √λ I] θ = [b_k; 0] by QR, i.e. minimises |A_k θ − b_k|² + λ|θ|².
    /// GWM has none (its <c>lamda</c> argument is unused), so an empty or degenerate segment makes R singular and
    /// the loss NaN; λ = 1e-6 keeps R invertible (an empty segment gets θ = 0) while changing the θ of any segment
    /// covering more than a few pixels by a relative 1e-6 / σ_min(A_k)², negligible at GWM's resolutions.
    /// </summary>
    public const double DefaultRidge = 1e-6;

    /// <summary>
    /// Fits one quadratic motion model per segment. <paramref name="masks"/> is (B, K, H, W), soft or hard;
    /// <paramref name="flow"/> is (B, 2, H, W) at the same resolution, in pixels, u then v. Both must share a
    /// device and a floating dtype. <paramref name="ridge"/> ≥ 0 is λ of <see cref="DefaultRidge"/>; 0 is GWM's
    /// unregularised solve.
    /// </summary>
    public static MotionModelSolution Solve(Tensor masks, Tensor flow, double ridge = DefaultRidge)
    {
        ArgumentNullException.ThrowIfNull(masks);
        ArgumentNullException.ThrowIfNull(flow);
        Validate(masks, flow, ridge);

        long batch = masks.shape[0];
        long segments = masks.shape[1];
        long height = masks.shape[2];
        long width = masks.shape[3];
        long pixels = height * width;
        const int BasisSize = QuadraticMotionBasis.Size;

        using var scope = NewDisposeScope();
        Tensor basis = QuadraticMotionBasis.Create(height, width, masks.device, masks.dtype);
        Tensor weights = masks.reshape(batch, segments, pixels, 1);
        Tensor design = weights * basis;
        Tensor target = weights * flow.reshape(batch, 1, 2, pixels).transpose(2, 3);

        Tensor augmented = design;
        if (ridge > 0)
        {
            Tensor ridgeRows = (eye(BasisSize, dtype: masks.dtype, device: masks.device) * Math.Sqrt(ridge))
                .expand(batch, segments, BasisSize, BasisSize);
            augmented = cat([design, ridgeRows], 2);
        }

        (Tensor q, Tensor r) = linalg.qr(augmented);

        // The ridge rows of the target are zero, so only the first H·W rows of Q meet it.
        Tensor projected = q.narrow(2, 0, pixels).transpose(2, 3).matmul(target);
        Tensor theta = linalg.solve_triangular(r, projected, upper: true);
        Tensor reconstruction = design.matmul(theta).sum(1).transpose(1, 2).reshape(batch, 2, height, width);
        return new MotionModelSolution(theta.MoveToOuterDisposeScope(), reconstruction.MoveToOuterDisposeScope());
    }

    private static void Validate(Tensor masks, Tensor flow, double ridge)
    {
        if (masks.dim() != 4)
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, $"masks must be (B, K, H, W), got [{string.Join(",", masks.shape)}]");
        }

        if (flow.dim() != 4 || flow.shape[1] != 2)
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, $"flow must be (B, 2, H, W), got [{string.Join(",", flow.shape)}]");
        }

        if (masks.shape[0] != flow.shape[0] || masks.shape[2] != flow.shape[2] || masks.shape[3] != flow.shape[3])
        {
            throw new VideoSegException(
                ErrorCodes.SizeMismatch,
                $"masks [{string.Join(",", masks.shape)}] and flow [{string.Join(",", flow.shape)}] differ in batch or size");
        }

        if (!masks.is_floating_point() || masks.dtype != flow.dtype)
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, $"masks ({masks.dtype}) and flow ({flow.dtype}) must share one floating dtype");
        }

        if (!(ridge >= 0) || double.IsInfinity(ridge))
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, $"the ridge must be finite and non-negative, got {ridge}");
        }
    }
}
