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

    /// <summary>
    /// The median times in seconds of <paramref name="first"/> and <paramref name="second"/>, run alternately
    /// (A B A B …) after one untimed run of each, so that both see the same machine: a load that comes and goes
    /// falls on both, and their ratio holds where the absolute figures do not.
    /// </summary>
    public static (double First, double Second) MedianInterleaved(int repeats, Action first, Action second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        first();
        second();
        var firstTimes = new List<double>();
        var secondTimes = new List<double>();
        for (int i = 0; i < Math.Max(1, repeats); i++)
        {
            long start = Stopwatch.GetTimestamp();
            first();
            firstTimes.Add(Stopwatch.GetElapsedTime(start).TotalSeconds);
            start = Stopwatch.GetTimestamp();
            second();
            secondTimes.Add(Stopwatch.GetElapsedTime(start).TotalSeconds);
        }

        firstTimes.Sort();
        secondTimes.Sort();
        return (firstTimes[firstTimes.Count / 2], secondTimes[secondTimes.Count / 2]);
    }
}
