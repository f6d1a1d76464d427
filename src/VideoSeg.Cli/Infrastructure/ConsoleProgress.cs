using System;
using System.Diagnostics;
using System.Globalization;
using VideoSeg.Core.Pipeline;

namespace VideoSeg.Cli.Infrastructure;

/// <summary>
/// Progress for long stages: one line per step with the fraction done, the elapsed time and
/// an estimate of the time left. Lines rather than an in-place bar, because the usual reader
/// is MSBuild's log, which shows each line the child writes.
/// </summary>
public sealed class ConsoleProgress : IProgress<StageProgress>
{
    private readonly string _stage;
    private int _total;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _done;

    /// <summary>Starts a progress display for <paramref name="total"/> steps.</summary>
    public ConsoleProgress(string stage, int total)
    {
        _stage = stage;
        _total = Math.Max(total, 1);
    }

    /// <summary>Reports one finished step named <paramref name="item"/>.</summary>
    public void Step(string item)
    {
        _done++;
        double elapsed = _clock.Elapsed.TotalSeconds;
        double remaining = elapsed / _done * (_total - _done);
        Console.Out.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"[{_stage}] {_done}/{_total} ({100.0 * _done / _total:F0}%) {item}  elapsed {elapsed:F1}s, about {remaining:F0}s left"));
    }

    /// <summary>Prints a free-form status line for this stage.</summary>
    public void Note(string message) => Console.Out.WriteLine($"[{_stage}] {message}");

    /// <summary>Prints a stage library's report: a step or note as a line, a warning in the canonical form on standard error.</summary>
    public void Report(StageProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        switch (value.Kind)
        {
            case StageProgressKind.Step:
                if (value.Total > 0)
                {
                    _total = value.Total;
                }

                Step(value.Message);
                break;
            case StageProgressKind.Warning:
                Console.Error.WriteLine(value.Message);
                break;
            default:
                Note(value.Message);
                break;
        }
    }
}
