using System;
using VideoSeg.Core.Experiments;

namespace VideoSeg.Reports.Stage;

/// <summary>The sentences the report writes about a run's configurations, base masks and foreground rule.</summary>
public static class ReportDescriptions
{
    /// <summary>Where the base masks came from, as a caveat of the paper comparison.</summary>
    /// <param name="source">The base-mask source.</param>
    /// <param name="selector">The foreground rule, or null.</param>
    /// <param name="backbone">The trained network's backbone label, or null for the default small CNN.</param>
    public static string BaseMasks(string source, string? selector, string? backbone = null) => source switch
    {
        "gwm" when backbone is not null => $"Our base masks come from a GWM-style network on a frozen {backbone} backbone (the ImageNet ResNet18 of the Microsoft.ML.DnnImageFeaturizer.ResNet18 package; GWM's own DINO backbone is self-supervised), its decoder trained in this run on this suite's own frames and flows, not from GWM's published DINO model; foreground by the {selector ?? "corner-rule"} rule. Our 'GWM' row is the base-mask row of this run.",
        "gwm" => $"Our base masks come from a GWM-style network (small CNN backbone) trained in this run on this suite's own frames and flows, not from GWM's published DINO model; foreground by the {selector ?? "corner-rule"} rule. Our 'GWM' row is the base-mask row of this run.",
        "gwm-checkpoint" => $"Our base masks come from the GWM checkpoint the run was given (GwmCheckpoint), foreground by the {selector ?? "corner-rule"} rule; our 'GWM' row is the base-mask row of this run.",
        _ => $"Our base masks come from '{source}', not from GWM, so our 'GWM' row is the base-mask row of this run.",
    };

    /// <summary>How one foreground mask per frame was chosen, for the manifest's protocol.</summary>
    public static string Selector(string? selector) => selector switch
    {
        null => "no foreground selection",
        "oracle-iou" => "foreground: the merged mask with the higher IoU against the ground truth, GWM's evaluation rule (oracle)",
        "corner-rule" => "foreground: the smaller merged mask, swapped when three or more image corners are foreground, the paper code's rule (no ground truth)",
        "motion-residual" => "foreground: the merged mask whose flow a whole-frame quadratic motion model (the camera hypothesis) explains worse (no ground truth)",
        _ => $"foreground: {selector}",
    };

    /// <summary>A Table 1 label for a configuration the matrix gives none.</summary>
    public static string Configuration(RefinementConfiguration c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return c.Kind switch
        {
            RefinementKind.Reference => $"Base masks of '{c.Source}' (reference row)",
            RefinementKind.Base => "Base masks",
            RefinementKind.Initial => $"Initial refinement ({c.WarpConvention}, {c.Propagation})",
            RefinementKind.WeightedAverage => $"Weighted average, gaps {string.Join('/', c.Gaps)}{(c.IncludeCurrent ? string.Empty : ", neighbours only")} ({c.WarpConvention}, {c.Propagation})",
            RefinementKind.Iterative => $"Iterative warping, α = {c.Alpha}, {(c.NormalizeWeights ? "normalised" : "paper-code")} weights, iteration {c.ReportIteration} ({c.WarpConvention}, {c.Propagation})",
            _ => c.Name,
        };
    }
}
