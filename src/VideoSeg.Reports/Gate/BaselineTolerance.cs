namespace VideoSeg.Reports.Gate;

/// <summary>How far a run may drift from the committed baseline, as absolute differences of fractions.</summary>
/// <param name="MeanJ">The allowed |ΔMeanJ|; 0.005 is half a J point.</param>
/// <param name="MeanF">The allowed |ΔMeanF|; 0.005 is half an F point.</param>
public sealed record BaselineTolerance(double MeanJ = 0.005, double MeanF = 0.005)
{
    /// <summary>Half a point on both J and F.</summary>
    public static BaselineTolerance Default { get; } = new();
}
