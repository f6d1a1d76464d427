using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using VideoSeg.Core;
using VideoSeg.Flow.Devices;
using VideoSeg.Models.Loss;
using VideoSeg.Models.Network;
using VideoSeg.Models.Onnx;
using static TorchSharp.torch;

namespace VideoSeg.Cli.Benchmarks;

/// <summary>
/// The default <c>Reproduce</c> training step (batch 4, 128×224, K = 4) on each backbone, as GwmTrainer takes it: the
/// small CNN trains end to end (forward, loss, backward through the backbone, clip, AdamW); on the frozen ResNet18 the
/// step starts from cached features (the head's forward and backward only). The two are timed alternately in one run,
/// so their ratio holds on a machine whose speed is unknown. The ResNet18's one-off cost, its features of a frame
/// computed once for the whole training, is a row of its own.
/// </summary>
public static class BackboneTrainingStepBenchmark
{
    private const int Batch = 4;
    private const int Height = 128;
    private const int Width = 224;
    private const string Group = "GWM training step by backbone, batch 4, 128×224";
    private const string PeerName = "small CNN backbone, trained";

    /// <summary>Times both steps at least three times on <paramref name="device"/>; a "skipped" ResNet18 row when the package is absent.</summary>
    public static IReadOnlyList<BenchRow> Run(int repeats, Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        int timed = Math.Max(3, repeats);
        string note = $"random inputs; {FlowDevice.Describe(device)}, {torch.get_num_threads()} torch threads; alternated A B A B, median of {timed}";
        ResNet18Package package;
        try
        {
            package = ResNet18Package.Locate();
        }
        catch (VideoSegException ex)
        {
            return [new BenchRow(Group, "skipped", "it/s", double.NaN, null, string.Empty, ex.Message)];
        }

        torch.manual_seed(42);
        using Tensor images = torch.rand(Batch, 3, Height, Width, device: device) * 255;
        using Tensor flow = torch.randn(Batch, 2, Height, Width, device: device) * 3;
        var loss = new FlowReconstructionLoss();
        using BenchTrainingStep small = new(GwmNetworkOptions.CpuSmall, device, null);
        using BenchTrainingStep resNet = new(GwmNetworkOptions.CpuResNet18, device, package);
        Tensor[] features;
        double featureSeconds;
        using (torch.no_grad())
        {
            featureSeconds = BenchTiming.Median(timed, () => resNet.Network.ExtractFeatures(images).ToList().ForEach(level => level.Dispose()));
            features = resNet.Network.ExtractFeatures(images);
        }

        try
        {
            (double smallSeconds, double resNetSeconds) = BenchTiming.MedianInterleaved(
                timed,
                () => small.Step(() => small.Network.forward(images), loss, flow),
                () => resNet.Step(() => resNet.Network.Decode(features, Height, Width), loss, flow));
            return
            [
                new BenchRow(Group, "ResNet18 (ImageNet-supervised) backbone, frozen, cached features", "it/s", 1 / resNetSeconds, smallSeconds / resNetSeconds, PeerName, note + "; the head's forward and backward, clip, AdamW"),
                new BenchRow(Group, PeerName, "it/s", 1 / smallSeconds, 1.0, PeerName, note + "; forward, loss, backward, clip, AdamW"),
                new BenchRow(Group, "ResNet18 features, once per frame for the whole training", "frames/s", Batch / featureSeconds, null, string.Empty, $"res2..res5 of {Batch} frames under no_grad; median of {timed}"),
            ];
        }
        finally
        {
            foreach (Tensor level in features)
            {
                level.Dispose();
            }
        }
    }

}
