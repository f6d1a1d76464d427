using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TorchSharp;
using VideoSeg.Core.Imaging;
using VideoSeg.Core.Pipeline;
using VideoSeg.Flow.Devices;
using VideoSeg.Models.FineTuning;
using VideoSeg.Models.Network;
using static TorchSharp.torch;

namespace VideoSeg.Cli.Benchmarks;

/// <summary>
/// One step of the consistency-loss fine-tuning as the finetune stage takes it (<see cref="ConsistencyFineTuner.Step"/>
/// with the default <see cref="FineTuningOptions"/> at 4 pairs, the Reproduce default): a 2-query network whose frozen
/// backbone's features are cached before the timing, the decoder in training mode on both frames of each adjacent
/// pair, the paper-code consistency loss, backward, clip, AdamW over the decoder; beside PyTorch on the CPU.
/// </summary>
public static class FineTuningStepBenchmark
{
    // Adjacent pairs per step: the Reproduce default FineTuneBatch.
    private const int Pairs = 4;
    private const string Group = "GWM fine-tuning at batch 4 pairs, 128×224";
    private const int Height = 128;
    private const int Width = 224;

    /// <summary>Times the step at least three times on <paramref name="device"/> and returns ours, then the peer's row.</summary>
    public static IReadOnlyList<BenchRow> Run(int repeats, Device device, PyTorchStepPeer peer, IProgress<StageProgress>? progress)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(peer);
        int timedRepeats = Math.Max(3, repeats);
        double seconds = TimeStep(timedRepeats, device);
        string oursNote = $"one ConsistencyFineTuner.Step: K = 2, backbone frozen and cached, decoder on both frames of {Pairs} pairs, paper-code consistency loss, backward, gradient clip, AdamW; random frames and flows; {FlowDevice.Describe(device)}, {torch.get_num_threads()} torch threads; median of {timedRepeats}";
        return peer.Compare(Group, "GwmNetwork CpuSmall K=2 decoder + ConsistencyLoss (paper code) + AdamW", oursNote, seconds, device, Pairs, timedRepeats, progress);
    }

    private static double TimeStep(int repeats, Device device)
    {
        var options = new FineTuningOptions { BatchSize = Pairs, InputHeight = Height, InputWidth = Width };
        torch.manual_seed(options.Seed);
        using var network = new GwmNetwork(GwmNetworkOptions.CpuSmall with { Queries = 2, InputHeight = Height, InputWidth = Width }, device);
        BinaryMask[] truths = Enumerable.Range(0, Pairs + 1).Select(_ => new BinaryMask(Width, Height)).ToArray();
        using FineTuningSequence data = FineTuningSequence.FromTensors(
            "bench",
            torch.rand(Pairs + 1, 3, Height, Width, device: device).mul_(255),
            torch.randn(Pairs, 2, Height, Width, device: device).mul_(3),
            torch.randn(Pairs, 2, Height, Width, device: device).mul_(3),
            truths);

        // The tuner makes its checkpoint folder; the benchmark never writes a checkpoint and removes it.
        string folder = Path.Combine(Path.GetTempPath(), "videoseg-bench-finetune-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var tuner = new ConsistencyFineTuner(network, data, options, folder, snapshotFrame: 0);
            network.train();
            return BenchTiming.Median(repeats, () => tuner.Step());
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
