namespace VideoSeg.Models.Foreground;

/// <summary>Which of the two merged masks is the foreground (named on the command line by <see cref="ForegroundSelectorNames"/>).</summary>
public enum ForegroundSelectorKind
{
    /// <summary><c>corner-rule</c>: the paper's code (<see cref="CornerRuleSelector"/>).</summary>
    CornerRule,

    /// <summary><c>motion-residual</c>: <see cref="MotionResidualSelector"/>.</summary>
    MotionResidual,

    /// <summary><c>oracle-iou</c>: GWM's evaluation, which picks with the ground truth (<see cref="OracleIoUSelector"/>).</summary>
    OracleIoU,
}
