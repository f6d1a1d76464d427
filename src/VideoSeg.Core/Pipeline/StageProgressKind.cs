namespace VideoSeg.Core.Pipeline;

/// <summary>What a <see cref="StageProgress"/> report carries.</summary>
public enum StageProgressKind
{
    /// <summary>One unit of the stage's work is done (a sequence, a configuration, an iteration block).</summary>
    Step,

    /// <summary>A free-form status line.</summary>
    Note,

    /// <summary>A warning the user must see; <see cref="StageProgress.Warning"/> holds it.</summary>
    Warning,
}
