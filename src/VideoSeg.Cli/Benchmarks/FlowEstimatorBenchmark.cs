using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using VideoSeg.Core.Pipeline;
using VideoSeg.Flow.Devices;
using VideoSeg.Flow.Estimation;
using static TorchSharp.torch;

namespace VideoSeg.Cli.Benchmarks;

/// <summary>
/// The TV-L1 estimator's accuracy (mean EPE) and speed on the FlyingChairs samples, accurate and fast, beside
/// OpenCV's methods measured in the same run; ratios are against OpenCV DIS medium.
/// </summary>
public static class FlowEstimatorBenchmark
{
    private const string EpeGroup = "Flow on FlyingChairs samples: mean EPE";
    private const string TimeGroup = "Flow on FlyingChairs samples: time";
    private const string PeerName = "OpenCV DIS medium";

    /// <summary>Runs on <paramref name="dataRoot"/>/flyingchairs-samples; a single "skipped" row when it is absent.</summary>
    public static IReadOnlyList<BenchRow> Run(string? dataRoot, Device device, OpenCvFlowPeer peer, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(peer);
        string? chairs = dataRoot is null ? null : Path.Combine(dataRoot, "flyingchairs-samples");
        if (chairs is null || !Directory.Exists(chairs))
        {
            return [new BenchRow("Flow on FlyingChairs samples", "skipped", "px", double.NaN, null, string.Empty, "flyingchairs-samples not found: pass --data")];
        }

        var rows = new List<BenchRow>();
        IReadOnlyDictionary<string, FlowPeerResult> peers = peer.Measure(chairs, progress);
        FlowPeerResult? dis = peers.TryGetValue(OpenCvFlowPeer.Reference, out FlowPeerResult? d) ? d : null;
        foreach ((string name, TvL1Options options) in new[] { ("VideoSeg TV-L1 (accurate)", TvL1Options.Accurate), ("VideoSeg TV-L1 (fast)", TvL1Options.Fast) })
        {
            FlowBenchmarkResult result = FlyingChairsBenchmark.Run(chairs, new TvL1FlowEstimator(options, device), cancellationToken);
            string note = $"{result.Pairs.Count} pairs of 512×384 on {FlowDevice.Describe(device)}";
            rows.Add(new BenchRow(EpeGroup, name, "px", result.MeanEndPointError, dis is null ? null : result.MeanEndPointError / dis.Epe, dis is null ? string.Empty : PeerName, note));
            rows.Add(new BenchRow(TimeGroup, name, "s/pair", result.SecondsPerPair, dis is null ? null : result.SecondsPerPair / dis.Seconds, dis is null ? string.Empty : PeerName, note));
        }

        foreach ((string name, FlowPeerResult measured) in peers)
        {
            rows.Add(new BenchRow(EpeGroup, name, "px", measured.Epe, dis is null ? null : measured.Epe / dis.Epe, PeerName, "OpenCV 4.6 via eng/reference/opencv_flow.py, grayscale, 2 threads"));
            rows.Add(new BenchRow(TimeGroup, name, "s/pair", measured.Seconds, dis is null ? null : measured.Seconds / dis.Seconds, PeerName, "same run"));
        }

        return rows;
    }
}
