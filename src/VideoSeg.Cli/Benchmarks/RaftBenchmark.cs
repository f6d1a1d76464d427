using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using TorchSharp;
using VideoSeg.Core.Imaging;
using VideoSeg.Data.Imaging;
using VideoSeg.Flow.Devices;
using VideoSeg.Flow.Estimation;
using VideoSeg.Models.Raft;
using static TorchSharp.torch;

namespace VideoSeg.Cli.Benchmarks;

/// <summary>
/// RAFT's speed at 854×480, DAVIS's size, on consecutive DAVIS 2016 car-shadow frames: the full model and RAFT-small at
/// 20 iterations (the flows GWM used), each beside TV-L1 (fast) timed on the same pairs in the same run; the ratio is
/// pairs per second against TV-L1's. The networks hold seeded random weights: RAFT's work per pair does not depend on
/// them, so the speed is that of the released weights, but its flows are meaningless, so no accuracy is reported.
/// </summary>
public static class RaftBenchmark
{
    private const string Group = "Flow at 854×480 (car-shadow pairs): speed";
    private const string PeerName = "VideoSeg TV-L1 (fast)";
    private const int Pairs = 4;

    /// <summary>Runs on <paramref name="dataRoot"/>/davis2016-car-shadow; a single "skipped" row when it is absent.</summary>
    public static IReadOnlyList<BenchRow> Run(string? dataRoot, int repeats, Device device, CancellationToken cancellationToken)
    {
        string? folder = dataRoot is null ? null : Path.Combine(dataRoot, "davis2016-car-shadow", "JPEGImages", "480p", "car-shadow");
        string[] files = folder is not null && Directory.Exists(folder) ? Directory.GetFiles(folder, "*.jpg").Order(StringComparer.Ordinal).Take(Pairs + 1).ToArray() : [];
        if (files.Length < Pairs + 1)
        {
            return [new BenchRow(Group, "skipped", "pairs/s", double.NaN, null, string.Empty, "davis2016-car-shadow frames not found: pass --data")];
        }

        List<RgbImage> frames = files.Select(ImageCodec.ReadRgb).ToList();
        List<RgbImage> sources = frames.Take(Pairs).ToList();
        List<RgbImage> targets = frames.Skip(1).ToList();
        int timed = Math.Max(1, Math.Min(repeats, 3));
        string note = $"{Pairs} consecutive pairs of {frames[0].Width}×{frames[0].Height} in one call on {FlowDevice.Describe(device)}; median of {timed}";

        var tvl1 = new TvL1FlowEstimator(TvL1Options.Fast, device);
        double tvl1PairsPerSecond = Pairs / BenchTiming.Median(timed, () => tvl1.Estimate(sources, targets, cancellationToken));
        var rows = new List<BenchRow>();
        foreach ((string name, RaftVariant variant) in new[] { ("VideoSeg RAFT (20 iterations)", RaftVariant.Full), ("VideoSeg RAFT-small (20 iterations)", RaftVariant.Small) })
        {
            manual_seed(0);
            var network = new RaftNetwork(variant);
            network.to(device);
            using var raft = new RaftFlowEstimator(network, new RaftOptions(variant), device);
            double pairsPerSecond = Pairs / BenchTiming.Median(timed, () => raft.Estimate(sources, targets, cancellationToken));
            rows.Add(new BenchRow(Group, name, "pairs/s", pairsPerSecond, pairsPerSecond / tvl1PairsPerSecond, PeerName, note + "; seeded random weights (same work per pair as the released ones; flows not meaningful)"));
        }

        rows.Add(new BenchRow(Group, PeerName, "pairs/s", tvl1PairsPerSecond, 1.0, PeerName, note + "; 3 warps × 15 iterations, the same pairs"));
        return rows;
    }
}
