namespace VideoSeg.Reports.Gate;

/// <summary>The outcome of one baseline check.</summary>
public enum BaselineCheckStatus
{
    /// <summary>Within tolerance (or equal, for counts).</summary>
    Ok,

    /// <summary>The value differs from the baseline by more than the tolerance, or is not finite.</summary>
    OutOfTolerance,

    /// <summary>A sequence or frame count differs: the run scored different data.</summary>
    CountMismatch,

    /// <summary>The baseline has the row; the run does not.</summary>
    MissingInRun,

    /// <summary>The run has a row that the baseline does not.</summary>
    UnexpectedInRun,

    /// <summary>The same configuration and dataset appear more than once in the baseline or the run.</summary>
    Duplicate,
}
