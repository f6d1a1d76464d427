using System;
using System.IO;
using VideoSeg.Flow.Devices;

namespace VideoSeg.Cli.Benchmarks;

/// <summary>What <see cref="BenchSuite"/> measures and with which peers.</summary>
/// <param name="DataRoot">The shared real data (davis2016-car-shadow, flyingchairs-samples), or null when absent.</param>
/// <param name="Frames">Frames per batch for the 854×480 throughput runs.</param>
/// <param name="Repeats">Timed repetitions per operation (the median is reported).</param>
/// <param name="DavisToolkit">A checkout of davis2017-evaluation to time the official J&amp;F, or null.</param>
/// <param name="Python">The Python that runs the peers.</param>
/// <param name="SkipFlow">Whether to leave out the flow benchmarks (TV-L1 on FlyingChairs, RAFT at 854×480).</param>
/// <param name="Device">The device, resolved once by the command.</param>
public sealed record BenchOptions(string? DataRoot, int Frames, int Repeats, string? DavisToolkit, string Python, bool SkipFlow, DeviceChoice Device)
{
    /// <summary>The shared data when <c>--data</c> is not given: $VIDEOSEG_SHARED_DATA, else ../shared/data if it exists, else null.</summary>
    public static string? DefaultDataRoot()
    {
        string? fromEnvironment = Environment.GetEnvironmentVariable("VIDEOSEG_SHARED_DATA");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return fromEnvironment;
        }

        string beside = Path.GetFullPath(Path.Combine(Directory.GetCurrentDirectory(), "..", "shared", "data"));
        return Directory.Exists(beside) ? beside : null;
    }
}
