using VideoSeg.Core;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace VideoSeg.Models.Foreground;

/// <summary>
/// GWM's evaluation rule, an oracle (<c>eval_unsupmf</c> in <c>src/eval_utils.py</c>): both masks are upsampled
/// bilinearly (<c>align_corners=False</c>) to the ground truth's resolution where it differs, thresholded at
/// &gt; 0.5, and the one with the higher IoU = |S∩G| / max(|S∪G|, 1e-12) against the ground truth is the
/// foreground (the first on ties, as torch's max). It reads the ground truth, so its numbers are an upper bound,
/// not a method's. Any non-zero ground-truth value counts as foreground (GWM's labels are 0/1; DAVIS's files 0/255).
/// </summary>
public sealed class OracleIoUSelector : IForegroundSelector
{
    /// <inheritdoc/>
    public string Name => "oracle-iou";

    /// <inheritdoc/>
    public bool UsesGroundTruth => true;

    /// <inheritdoc/>
    public int Select(ForegroundCandidates candidates)
    {
        double[] scores = Scores(candidates);
        return scores[1] > scores[0] ? 1 : 0;
    }

    /// <summary>GWM's IoU of each of the two masks against the ground truth.</summary>
    public static double[] Scores(ForegroundCandidates candidates)
    {
        Tensor masks = ForegroundCandidateChecks.RequireMasks(candidates);
        Tensor groundTruth = candidates.GroundTruth
            ?? throw new VideoSegException(ErrorCodes.InvalidArgument, "the oracle rule needs the ground truth");
        if (groundTruth.dim() != 2)
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, $"the ground truth must be (H, W), got [{string.Join(",", groundTruth.shape)}]");
        }

        using var scope = NewDisposeScope();
        Tensor soft = masks.to(ScalarType.Float32).unsqueeze(0);
        if (soft.shape[2] != groundTruth.shape[0] || soft.shape[3] != groundTruth.shape[1])
        {
            soft = interpolate(soft, size: [groundTruth.shape[0], groundTruth.shape[1]], mode: InterpolationMode.Bilinear, align_corners: false);
        }

        Tensor binary = (soft[0] > 0.5).to(ScalarType.Float64);
        // Any non-zero value is foreground, so DAVIS's 0/255 annotations score as GWM's 0/1 labels do.
        Tensor gt = (groundTruth.to(binary.device) != 0).to(ScalarType.Float64);
        Tensor intersection = (binary * gt).sum([1, 2]);
        Tensor union = binary.sum([1, 2]) + gt.sum() - intersection;
        Tensor iou = intersection / union.clamp_min(1e-12);
        return iou.cpu().data<double>().ToArray();
    }
}
