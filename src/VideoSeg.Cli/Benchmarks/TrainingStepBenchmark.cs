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
    public static IReadOnlyList<BenchRow> Run(int repeats, Device device, PyTorchStepPeer peer, IProgress<StageProgress>? progress)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(peer);
        int timedRepeats = Math.Max(3, repeats);
        double seconds = TimeStep(timedRepeats, device);
        string oursNote = $"one step: forward, loss, backward, gradient clip, AdamW; random inputs; {FlowDevice.Describe(device)}, {torch.get_num_threads()} torch threads; median of {timedRepeats}";
        return peer.Compare(Group, "GwmNetwork CpuSmall + FlowReconstructionLoss + AdamW", oursNote, seconds, device, Batch, timedRepeats, progress);
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
