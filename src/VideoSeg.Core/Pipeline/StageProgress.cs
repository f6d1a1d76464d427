namespace VideoSeg.Core.Pipeline;

/// <summary>One report from a running stage, for whoever shows progress (the CLI prints it as a line).</summary>
/// <param name="Kind">What the report carries.</param>
/// <param name="Message">The item finished (<see cref="StageProgressKind.Step"/>) or the status line.</param>
/// <param name="Total">For steps, how many the stage will make in all.</param>
public sealed record StageProgress(StageProgressKind Kind, string Message, int Total = 0)
{
    /// <summary>The warning, for <see cref="StageProgressKind.Warning"/> reports.</summary>
    public VideoSegWarning? Warning { get; init; }

    /// <summary>A finished step.</summary>
    public static StageProgress Step(string item, int total) => new(StageProgressKind.Step, item, total);

    /// <summary>A status line.</summary>
    public static StageProgress Note(string message) => new(StageProgressKind.Note, message);

    /// <summary>A warning.</summary>
    public static StageProgress Warn(VideoSegWarning warning) =>
        new(StageProgressKind.Warning, warning?.ToDiagnosticString() ?? string.Empty) { Warning = warning };
}
