using System;
using System.Collections.Generic;
using TorchSharp;
using TorchSharp.Modules;
using VideoSeg.Core.Pipeline;
using VideoSeg.Flow.Devices;
using VideoSeg.Models.Loss;
using VideoSeg.Models.Network;
using VideoSeg.Models.Training;
using static TorchSharp.torch;

namespace VideoSeg.Cli.Benchmarks;

/// <summary>
/// One GWM training step as GwmTrainer takes it (forward, flow-reconstruction loss, backward, clip, AdamW with
/// GWM's groups: no weight decay on norms and embeddings, tied parameters once), beside PyTorch on the CPU.
/// </summary>
public static class TrainingStepBenchmark
{
    private const int Batch = 8;
    private const string Group = "GWM training at batch 8, 128×224";

    /// <summary>Times the step at least three times on <paramref name="device"/> and returns ours, then the peer's row.</summary>
    public static IReadOnlyList<BenchRow> Run(int repeats, Device device, PyTorchTrainingPeer peer, IProgress<StageProgress>? progress)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(peer);
        int timedRepeats = Math.Max(3, repeats);
        int threads = torch.get_num_threads();
        double seconds = TimeStep(timedRepeats, device);
        string describe = FlowDevice.Describe(device);
        PyTorchStepTiming? theirs = device.type == DeviceType.CPU ? peer.Time(Batch, threads, timedRepeats, progress) : null;
        string peerName = theirs is null ? string.Empty : $"PyTorch {theirs.Version} (gwm_small_reference.py)";
        string oursNote = $"one step: forward, loss, backward, gradient clip, AdamW; random inputs; {describe}, {threads} torch threads; median of {timedRepeats}";
        var rows = new List<BenchRow>
        {
            new(Group, "GwmNetwork CpuSmall + FlowReconstructionLoss + AdamW", "it/s", 1 / seconds, theirs is null ? null : theirs.Seconds / seconds, peerName, oursNote),
        };
        if (theirs is not null)
        {
            rows.Add(new BenchRow(Group, "PyTorch peer: same network, loss and optimizer", "it/s", 1 / theirs.Seconds, 1.0, peerName, $"eng/reference/gwm_small_reference.py bench, CPU, {theirs.Threads} threads (set to ours), BLAS {theirs.Blas}, median of {timedRepeats}, same run"));
        }
        else
        {
            string reason = device.type == DeviceType.CPU
                ? $"install python3-torch for {peer.Python}"
                : $"the peer runs on the CPU only, ours ran on {describe}";
            rows.Add(new BenchRow(Group, "PyTorch peer (not run)", "it/s", double.NaN, null, string.Empty, reason));
        }

        return rows;
    }

    private static double TimeStep(int repeats, Device device)
    {
        torch.manual_seed(42);
        using var network = new GwmNetwork(GwmNetworkOptions.CpuSmall, device);
        network.train();
        var loss = new FlowReconstructionLoss();
        WeightDecayGroups groups = WeightDecayGrouping.Split(network);
        Parameter[] trainable = groups.All();
        using var optimizer = groups.CreateAdamW(new GwmTrainingOptions());
        using Tensor images = torch.rand(Batch, 3, 128, 224, device: device) * 255;
        using Tensor flow = torch.randn(Batch, 2, 128, 224, device: device) * 3;
        return BenchTiming.Median(repeats, () =>
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            Tensor value = loss.Compute(network.forward(images), flow);
            value.backward();
            torch.nn.utils.clip_grad_norm_(trainable, 0.01);
            optimizer.step();
        });
    }
}
