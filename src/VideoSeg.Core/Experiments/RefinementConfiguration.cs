using System.Collections.Generic;

namespace VideoSeg.Core.Experiments;

/// <summary>One row of the experiment matrix.</summary>
/// <param name="Name">A unique name; it names the output folder <c>refined/&lt;name&gt;/masks</c>.</param>
/// <param name="Kind">The refinement method.</param>
/// <param name="Gaps">Weighted average: the gaps averaged over, e.g. [1] or [1, 2].</param>
/// <param name="IncludeCurrent">Weighted average: whether the frame's own mask takes part (weight 1).</param>
/// <param name="Alpha">Iterative warping: the weight of the current mask.</param>
/// <param name="Iterations">Iterative warping: how many iterations to run (each one is written and scored).</param>
/// <param name="NormalizeWeights">Iterative warping: α·M + (1−α)/2·(fwd + bwd) when true; the paper code's α·M + (1−α)·(fwd + bwd) when false.</param>
/// <param name="ReportIteration">Iterative warping: the iteration shown in Table 1.</param>
/// <param name="Table1Label">The row label in Table 1, or null when the configuration is not a Table 1 row.</param>
/// <param name="WarpConvention">The warp: ssl-vos, pixel-exact or paper-iterative-code.</param>
/// <param name="Propagation">Which flow carries a mask between frames: source-to-target (the paper's code) or target-to-source.</param>
/// <param name="Source">Reference rows: the base-mask source whose masks the row shows (e.g. <c>motion</c>); null otherwise.</param>
public sealed record RefinementConfiguration(
    string Name,
    RefinementKind Kind,
    IReadOnlyList<int> Gaps,
    bool IncludeCurrent,
    double Alpha,
    int Iterations,
    bool NormalizeWeights,
    int ReportIteration,
    string? Table1Label,
    string WarpConvention,
    string Propagation,
    string? Source = null)
{
    /// <summary>The output folder names this configuration produces: one, or one per iteration.</summary>
    public IReadOnlyList<string> OutputNames()
    {
        if (Kind != RefinementKind.Iterative)
        {
            return [Name];
        }

        var names = new List<string>(Iterations);
        for (int i = 1; i <= Iterations; i++)
        {
            names.Add(IterationOutputName(i));
        }

        return names;
    }

    /// <summary>The output folder name of iteration <paramref name="iteration"/>, e.g. <c>iterative@3</c>.</summary>
    public string IterationOutputName(int iteration) => $"{Name}@{iteration}";

    /// <summary>The output folder scored for Table 1.</summary>
    public string Table1OutputName => Kind == RefinementKind.Iterative ? IterationOutputName(ReportIteration) : Name;
}
