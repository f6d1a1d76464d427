using System.Collections.Generic;
using System.Linq;
using System.Threading;
using VideoSeg.Core.Imaging;
using VideoSeg.Flow.Devices;
using VideoSeg.Flow.Occlusion;
using VideoSeg.Flow.Warping;
using VideoSeg.Refine;
using static TorchSharp.torch;

namespace VideoSeg.Cli.Benchmarks;

/// <summary>Frames per second of warping, occlusion and every refinement on one batch of masks with smooth synthetic flows.</summary>
public static class ThroughputBenchmarks
{
    /// <summary>Times each operation <paramref name="repeats"/> times on <paramref name="device"/> and returns one row each.</summary>
    public static IReadOnlyList<BenchRow> Run(BenchMaskSet maskSet, int repeats, Device device, CancellationToken cancellationToken)
    {
        System.ArgumentNullException.ThrowIfNull(maskSet);
        IReadOnlyList<BinaryMask> masks = maskSet.Masks;
        int n = masks.Count;
        int width = maskSet.Width;
        int height = maskSet.Height;
        var rows = new List<BenchRow>();
        var forward = new List<FlowField?>();
        var backward = new List<FlowField?>();
        for (int t = 0; t < n; t++)
        {
            forward.Add(t + 1 < n ? SyntheticFlow.Smooth(width, height, t, 1) : null);
            backward.Add(t > 0 ? SyntheticFlow.Smooth(width, height, t, -1) : null);
        }

        string note = $"{n} frames of {width}×{height} in one batch on {FlowDevice.Describe(device)}; masks: {maskSet.Source}; smooth synthetic flows; median of {repeats}";
        using (NewDisposeScope())
        using (no_grad())
        {
            Tensor maskTensor = FlowTensors.FromMasks(masks, device);
            Tensor flowTensor = FlowTensors.FromFlowFields(forward.Select(f => f ?? new FlowField(width, height)).ToList(), device);
            Tensor backTensor = FlowTensors.FromFlowFields(backward.Select(f => f ?? new FlowField(width, height)).ToList(), device);
            foreach (WarpConvention convention in new[] { WarpConvention.PixelExact, WarpConvention.SslVos })
            {
                double fps = n / BenchTiming.Median(repeats, () => FlowWarp.Backward(maskTensor, flowTensor, convention).Dispose());
                rows.Add(new BenchRow("Warping at 854×480", $"FlowWarp.Backward ({convention})", "fps", fps, null, string.Empty, note));
            }

            foreach (OcclusionVariant variant in new[] { OcclusionVariant.Paper, OcclusionVariant.UnFlowCode })
            {
                var options = new OcclusionOptions(Variant: variant);
                double fps = n / BenchTiming.Median(repeats, () => UnFlowOcclusion.Visibility(flowTensor, backTensor, options).Dispose());
                rows.Add(new BenchRow("Occlusion at 854×480", $"UnFlowOcclusion ({variant})", "fps", fps, null, string.Empty, note));
            }
        }

        var wideFlows = new Dictionary<int, IReadOnlyList<FlowField?>>
        {
            [1] = forward,
            [-1] = backward,
            [2] = Enumerable.Range(0, n).Select(t => t + 2 < n ? SyntheticFlow.Smooth(width, height, t, 2) : null).ToList(),
            [-2] = Enumerable.Range(0, n).Select(t => t >= 2 ? SyntheticFlow.Smooth(width, height, t, -2) : null).ToList(),
        };
        using SequenceFlows flows = SequenceFlows.FromFlowFields(n, wideFlows, OcclusionOptions.Default, device);
        (string Name, IMaskRefinement Refinement)[] refinements =
        [
            ("Initial refinement (eq. 2)", new InitialRefinement()),
            ("Weighted average ±1", new WeightedAverageRefinement(new WeightedAverageRefinementOptions([1]))),
            ("Weighted average ±1, ±2", new WeightedAverageRefinement(new WeightedAverageRefinementOptions([1, 2]))),
            ("Iterative warping, 1 iteration", new IterativeWarpingRefinement(new IterativeWarpingRefinementOptions(Iterations: 1))),
            ("Iterative warping, 8 iterations", new IterativeWarpingRefinement(new IterativeWarpingRefinementOptions(Iterations: 8))),
        ];
        foreach ((string name, IMaskRefinement refinement) in refinements)
        {
            double fps = n / BenchTiming.Median(repeats, () => refinement.Refine(masks, flows, cancellationToken));
            rows.Add(new BenchRow("Refinement at 854×480", name, "fps", fps, null, string.Empty, note + "; includes mask upload and download, visibility precomputed"));
        }

        return rows;
    }
}
