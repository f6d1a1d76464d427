namespace VideoSeg.Reports.Plots;

/// <summary>One point of the Figure 7 analogue: mean J after a number of iterative-warping steps.</summary>
/// <param name="Dataset">The dataset the point was measured on.</param>
/// <param name="Series">The series within the dataset, e.g. a flow source or a blend weight.</param>
/// <param name="Iteration">The number of refinement iterations; 0 is the base masks.</param>
/// <param name="MeanJ">Mean J as a fraction in [0, 1]; plotted ×100.</param>
public sealed record IterationCurvePoint(string Dataset, string Series, int Iteration, double MeanJ);
