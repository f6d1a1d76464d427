namespace VideoSeg.Evaluation;

/// <summary>Which frames of a sequence count towards its statistics.</summary>
public enum FrameProtocol
{
    /// <summary>Every frame (DAVIS unsupervised scoring).</summary>
    All,

    /// <summary>Every frame but the first (the frame whose mask a semi-supervised method is given).</summary>
    SkipFirst,

    /// <summary>Every frame but the first and the last (davis2017-evaluation's semi-supervised scoring).</summary>
    SkipFirstAndLast,

    /// <summary>
    /// Frames whose index is above 1, i.e. frames 0 and 1 are dropped: GWM's DAVIS evaluation keeps a
    /// frame when <c>int(frame_name) &gt; 1</c>, although its log message speaks of the first frame only.
    /// </summary>
    GwmIndexAboveOne,
}
