using System;
using VideoSeg.Core;
using VideoSeg.Models.Loss;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace VideoSeg.Models.Foreground;

/// <summary>
/// A motion rule that reads no ground truth: one quadratic motion model (GWM's, <see cref="MotionModelFit"/>
/// with a single all-ones segment) is fit to the whole frame's flow, as the camera-motion hypothesis; the
/// masks are upsampled bilinearly (<c>align_corners=False</c>) to the flow's grid and split by argmax (ties to
/// mask 0); the foreground is the region whose mean squared residual |F − F̂|² against that model is larger.
/// An empty region scores 0; on equal scores the smaller region wins (mask 0 when the areas are equal too).
/// Why not "fit to the other region": for a translating object on a static background that rule is symmetric
/// (each region's model misexplains the other by the same |t|²) and cannot decide; the whole-frame fit is
/// dominated by the background whenever the object covers less than half the frame.
/// </summary>
public sealed class MotionResidualSelector : IForegroundSelector
{
    /// <inheritdoc/>
    public string Name => "motion-residual";

    /// <inheritdoc/>
    public bool UsesGroundTruth => false;

    /// <inheritdoc/>
    public int Select(ForegroundCandidates candidates)
    {
        double[] residuals = Residuals(candidates, out long area0, out long area1);
        if (residuals[0] != residuals[1])
        {
            return residuals[1] > residuals[0] ? 1 : 0;
        }

        return area1 < area0 ? 1 : 0;
    }

    /// <summary>The mean squared residual of each region (argmax of the two masks) against the whole-frame model.</summary>
    public static double[] Residuals(ForegroundCandidates candidates) => Residuals(candidates, out _, out _);

    private static double[] Residuals(ForegroundCandidates candidates, out long area0, out long area1)
    {
        Tensor masks = ForegroundCandidateChecks.RequireMasks(candidates);
        Tensor flow = candidates.Flow ?? throw new VideoSegException(ErrorCodes.InvalidArgument, "the motion-residual rule needs the flow");
        if (flow.dim() != 3 || flow.shape[0] != 2)
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, $"the flow must be (2, H, W), got [{string.Join(",", flow.shape)}]");
        }

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor target = flow.to(ScalarType.Float64).unsqueeze(0);
        Tensor soft = masks.to(ScalarType.Float64).to(target.device).unsqueeze(0);
        if (soft.shape[2] != flow.shape[1] || soft.shape[3] != flow.shape[2])
        {
            soft = interpolate(soft, size: [flow.shape[1], flow.shape[2]], mode: InterpolationMode.Bilinear, align_corners: false);
        }

        Tensor whole = ones(1, 1, flow.shape[1], flow.shape[2], dtype: ScalarType.Float64, device: target.device);
        MotionModelSolution solution = MotionModelFit.Solve(whole, target, MotionModelFit.DefaultRidge);
        Tensor squared = (target - solution.Reconstruction).square().sum(1)[0];
        Tensor region1 = ForegroundCandidateChecks.Mask1Wins(soft[0]).to(ScalarType.Float64);
        Tensor region0 = 1 - region1;
        area1 = (long)Math.Round(region1.sum().item<double>());
        area0 = (long)Math.Round(region0.sum().item<double>());
        double sum0 = (squared * region0).sum().item<double>();
        double sum1 = (squared * region1).sum().item<double>();
        return [area0 == 0 ? 0 : sum0 / area0, area1 == 0 ? 0 : sum1 / area1];
    }
}
