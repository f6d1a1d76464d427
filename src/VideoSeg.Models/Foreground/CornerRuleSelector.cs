using static TorchSharp.torch;

namespace VideoSeg.Models.Foreground;

/// <summary>
/// The seed paper's own rule (<c>select_mask</c> and <c>check_num_fg_corners</c> in
/// magdyhasan/guess-what-moves-optimization <c>src/losses/ssl_consistency_loss.py</c>): on the argmax
/// segmentation (ties to mask 0), the mask with the smaller area is the foreground (mask 0 when the areas are
/// equal: index 1 only when area(0) &gt; area(1)); the choice flips when three or more of the four image corners
/// fall in the chosen foreground. It uses no ground truth.
/// </summary>
public sealed class CornerRuleSelector : IForegroundSelector
{
    /// <inheritdoc/>
    public string Name => "corner-rule";

    /// <inheritdoc/>
    public bool UsesGroundTruth => false;

    /// <inheritdoc/>
    public int Select(ForegroundCandidates candidates)
    {
        Tensor masks = ForegroundCandidateChecks.RequireMasks(candidates);
        using var scope = NewDisposeScope();
        Tensor label = ForegroundCandidateChecks.Mask1Wins(masks).cpu();
        long area1 = label.sum().item<long>();
        long area0 = label.numel() - area1;
        int chosen = area0 > area1 ? 1 : 0;
        long h = label.shape[0];
        long w = label.shape[1];
        bool[] corners = [label[0, 0].item<bool>(), label[0, w - 1].item<bool>(), label[h - 1, 0].item<bool>(), label[h - 1, w - 1].item<bool>()];
        int foregroundCorners = 0;
        foreach (bool isMask1 in corners)
        {
            if (isMask1 == (chosen == 1))
            {
                foregroundCorners++;
            }
        }

        return foregroundCorners >= 3 ? 1 - chosen : chosen;
    }
}
