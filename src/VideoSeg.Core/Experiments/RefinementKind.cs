namespace VideoSeg.Core.Experiments;

/// <summary>The refinement methods an experiment-matrix configuration can name.</summary>
public enum RefinementKind
{
    /// <summary>The base masks unchanged: the reference row.</summary>
    Base,

    /// <summary>Initial refinement, eq. 2.</summary>
    Initial,

    /// <summary>Weighted average over neighbouring frames, eqs. 3–7.</summary>
    WeightedAverage,

    /// <summary>Iterative warping, Sec. 5.3.</summary>
    Iterative,

    /// <summary>
    /// The masks of another base-mask source, unchanged: a comparison row (e.g. the classical motion baseline
    /// beside the trained GWM-style network's masks). Its deltas are against the <see cref="Base"/> row.
    /// </summary>
    Reference,
}
