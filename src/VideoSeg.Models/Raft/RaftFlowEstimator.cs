using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using TorchSharp;
using VideoSeg.Core;
using VideoSeg.Core.Imaging;
using VideoSeg.Flow.Estimation;
using VideoSeg.Flow.Warping;
using static TorchSharp.torch;

namespace VideoSeg.Models.Raft;

/// <summary>
/// RAFT as a flow estimator: each call's pairs go through <see cref="RaftNetwork"/> in batches, padded to multiples of 8
/// by <see cref="RaftInputPadder"/> ('sintel' mode) and cropped back, every tensor on the network's device. Pairs of a
/// batch do not interact (instance norm is per frame, batch norm uses its stored statistics), so a pair's flow does not
/// depend on the rest of its call.
/// </summary>
public sealed class RaftFlowEstimator : IFlowEstimator, IDisposable
{
    // The all-pairs correlation pyramid is RAFT's largest tensor, 4/3 · (H/8 · W/8)² floats per pair (219 MB at
    // 854×480); batches stay under this much of it, and under MaximumBatch pairs for the activations at small sizes.
    private const long CorrelationBudgetBytes = 512L * 1024 * 1024;
    private const int MaximumBatch = 16;

    private readonly RaftNetwork _network;

    /// <summary>Wraps <paramref name="network"/> (already holding its weights), which the estimator then owns and disposes.</summary>
    /// <param name="network">The network, on <paramref name="device"/>.</param>
    /// <param name="options">The variant (which must be the network's) and the iteration count.</param>
    /// <param name="device">The device the network lives on and every tensor of a call is put on.</param>
    public RaftFlowEstimator(RaftNetwork network, RaftOptions options, Device device)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(device);
        options.Validate();
        if (options.Variant != network.Variant)
        {
            throw new ArgumentException($"The options ask for {options.Variant}, the network is {network.Variant}.", nameof(options));
        }

        _network = network;
        _network.eval();
        Options = options;
        Device = device;
    }

    /// <inheritdoc />
    public string Name => Options.Variant == RaftVariant.Small ? "raft-small" : "raft";

    /// <summary>The variant and iteration count.</summary>
    public RaftOptions Options { get; }

    /// <summary>The device every tensor of a call lives on.</summary>
    public Device Device { get; }

    /// <summary>The smallest frame side RAFT accepts, before padding: a side that pads to <see cref="RaftNetwork.MinimumPaddedSide"/>.</summary>
    public static int MinimumSide => RaftNetwork.MinimumPaddedSide - 7;

    /// <inheritdoc />
    /// <exception cref="VideoSegException">
    /// Also <see cref="ErrorCodes.InvalidArgument"/> for frames with a side below <see cref="MinimumSide"/>.
    /// </exception>
    public IReadOnlyList<FlowField> Estimate(IReadOnlyList<RgbImage> sources, IReadOnlyList<RgbImage> targets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(targets);
        (int width, int height) = FlowTensorConversion.CheckPairs(sources, targets);
        if (sources.Count == 0)
        {
            return [];
        }

        if (width < MinimumSide || height < MinimumSide)
        {
            throw new VideoSegException(
                ErrorCodes.InvalidArgument,
                string.Create(CultureInfo.InvariantCulture, $"RAFT needs frames of at least {MinimumSide}×{MinimumSide} pixels (its coarsest correlation level, 1/64 of the padded frame, must be 2 wide), got {width}×{height}; raise --width/--height"));
        }

        (int left, int right, int top, int bottom) = RaftInputPadder.Padding(width, height);
        long cells = (long)(height + top + bottom) / 8 * ((width + left + right) / 8);
        long pairBytes = cells * cells * sizeof(float) * 4 / 3;
        int batch = (int)Math.Clamp(CorrelationBudgetBytes / Math.Max(1, pairBytes), 1, MaximumBatch);
        var flows = new List<FlowField>(sources.Count);
        using IDisposable noGrad = no_grad();
        for (int start = 0; start < sources.Count; start += batch)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int count = Math.Min(batch, sources.Count - start);
            using DisposeScope scope = NewDisposeScope();
            Tensor first = RaftInputPadder.Pad(FlowTensors.FromImages(Slice(sources, start, count), Device));
            Tensor second = RaftInputPadder.Pad(FlowTensors.FromImages(Slice(targets, start, count), Device));
            Tensor flow = RaftInputPadder.Unpad(NoCollectionRegion.Run(() => _network.Forward(first, second, Options.Iterations, cancellationToken)), width, height);
            for (int i = 0; i < count; i++)
            {
                flows.Add(FlowTensors.ToFlowField(flow, i));
            }
        }

        return flows;
    }

    /// <summary>Disposes the network.</summary>
    public void Dispose() => _network.Dispose();

    private static List<RgbImage> Slice(IReadOnlyList<RgbImage> images, int start, int count)
    {
        var slice = new List<RgbImage>(count);
        for (int i = start; i < start + count; i++)
        {
            slice.Add(images[i]);
        }

        return slice;
    }
}
