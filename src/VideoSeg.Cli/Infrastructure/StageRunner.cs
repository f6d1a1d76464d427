using System;
using VideoSeg.Core.Pipeline;

namespace VideoSeg.Cli.Infrastructure;

/// <summary>Tells the user whether a stage ran or was up to date.</summary>
public static class StageRunner
{
    /// <summary>Prints what a stage library's run did; returns the exit code.</summary>
    public static int Report(StageOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        Console.Out.WriteLine(outcome.Ran
            ? $"[{outcome.Stage}] done: {outcome.OutputDirectory}"
            : $"[{outcome.Stage}] up to date: {outcome.OutputDirectory} (stamp {outcome.StampPath})");
        return ExitCodes.Success;
    }
}
