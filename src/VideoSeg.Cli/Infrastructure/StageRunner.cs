using System;
using System.Threading;
using System.Threading.Tasks;
using VideoSeg.Core.Pipeline;

namespace VideoSeg.Cli.Infrastructure;

/// <summary>Runs an <see cref="IncrementalStage"/> and tells the user whether it ran or was up to date.</summary>
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

    /// <summary>Runs <paramref name="work"/> unless the stage is up to date; returns the exit code.</summary>
    public static async Task<int> RunAsync(IncrementalStage stage, bool force, Func<string, CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stage);
        bool ran = await stage.RunAsync(work, force, cancellationToken).ConfigureAwait(false);
        Console.Out.WriteLine(ran
            ? $"[{stage.Name}] done: {stage.OutputDirectory}"
            : $"[{stage.Name}] up to date: {stage.OutputDirectory} (stamp {stage.StampPath})");
        return ExitCodes.Success;
    }
}
