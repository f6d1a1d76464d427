using System;
using System.IO;
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

    /// <summary>
    /// <c>--check</c>: says whether <paramref name="stage"/> is up to date, computing nothing, and returns
    /// <see cref="ExitCodes.Success"/> when it is and <see cref="ExitCodes.OutOfDate"/> when it would run. An input
    /// that is not there yet (an upstream stage has not run) makes it out of date, not an error.
    /// </summary>
    public static int Check(IncrementalStage stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        bool current;
        try
        {
            current = stage.IsCurrent();
        }
        catch (IOException)
        {
            current = false;
        }

        Console.Out.WriteLine(current
            ? $"[{stage.Name}] up to date: {stage.OutputDirectory} (stamp {stage.StampPath})"
            : $"[{stage.Name}] out of date: {stage.OutputDirectory}");
        return current ? ExitCodes.Success : ExitCodes.OutOfDate;
    }
}
