namespace VideoSeg.Evaluation;

/// <summary>One frame's scores.</summary>
/// <param name="FrameIndex">The 0-based frame index in the sequence.</param>
/// <param name="J">Region similarity (Jaccard index).</param>
/// <param name="F">Contour accuracy (boundary F-measure).</param>
/// <param name="Counted">Whether the protocol counts this frame towards the statistics.</param>
public sealed record FrameEvaluation(int FrameIndex, double J, double F, bool Counted);
