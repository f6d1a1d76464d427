namespace VideoSeg.Reports.Plots;

/// <summary>How the Figure 7 analogue is drawn. The pixel size is fixed so that figures compare byte for byte.</summary>
/// <param name="Width">Image width in pixels.</param>
/// <param name="Height">Image height in pixels.</param>
/// <param name="Title">The plot's title.</param>
/// <param name="FontSize">The size of axis labels, tick labels and legend text, in pixels; the title is drawn larger.</param>
/// <param name="XLabel">The horizontal axis's label.</param>
public sealed record IterationCurvePlotOptions(
    int Width = 800,
    int Height = 500,
    string Title = "Iterative flow warping of base masks (Figure 7 analogue)",
    float FontSize = 14f,
    string XLabel = "Iterative-warping iterations (0 = base masks)")
{
    /// <summary>The defaults: 800×500 pixels.</summary>
    public static IterationCurvePlotOptions Default { get; } = new();
}
