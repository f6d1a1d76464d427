using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace VideoSeg.Cli.Benchmarks;

/// <summary>Wall-clock timing for the benchmarks.</summary>
public static class BenchTiming
{
    /// <summary>
    /// The median time in seconds of <paramref name="repeats"/> (at least one) runs of <paramref name="action"/>,
    /// after one untimed run that pays for first-call costs (allocation, JIT, kernel selection).
    /// </summary>
    public static double Median(int repeats, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        action();
        var times = new List<double>();
        for (int i = 0; i < Math.Max(1, repeats); i++)
        {
            long start = Stopwatch.GetTimestamp();
            action();
            times.Add(Stopwatch.GetElapsedTime(start).TotalSeconds);
        }

        times.Sort();
        return times[times.Count / 2];
    }
}
