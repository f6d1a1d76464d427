using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using VideoSeg.Core;
using VideoSeg.Core.Imaging;
using VideoSeg.Core.Pipeline;
using VideoSeg.Data.Imaging;
using VideoSeg.Data.Sequences;
using VideoSeg.Flow.Import;
using VideoSeg.Flow.Storage;
using VideoSeg.Flow.Warping;
using static TorchSharp.torch;

namespace VideoSeg.Models.FineTuning;

/// <summary>
/// One sequence ready for fine-tuning: its frames at the network's input size, the ±1 flows of every adjacent pair
/// (t, t+1) at that size, the occlusions stage's visibility of both frames of each pair when asked for, and the
/// ground truth at its own resolution for evaluation only. Pair p joins frames p and p+1.
/// </summary>
public sealed class FineTuningSequence : IDisposable
{
    private FineTuningSequence(string name, IReadOnlyList<string> stems, Tensor frames, Tensor forward, Tensor backward, Tensor? firstVisible, Tensor? secondVisible, IReadOnlyList<BinaryMask> truths)
    {
        Name = name;
        Stems = stems;
        Frames = frames;
        Forward = forward;
        Backward = backward;
        FirstVisible = firstVisible;
        SecondVisible = secondVisible;
        Truths = truths;
    }

    /// <summary>The sequence's name.</summary>
    public string Name { get; }

    /// <summary>The frame stems, in order.</summary>
    public IReadOnlyList<string> Stems { get; }

    /// <summary>(N, 3, H, W): the frames at the input size, RGB 0..255.</summary>
    public Tensor Frames { get; }

    /// <summary>(N − 1, 2, H, W): the flow of frame p to p+1 (gap +1, stored under p).</summary>
    public Tensor Forward { get; }

    /// <summary>(N − 1, 2, H, W): the flow of frame p+1 to p (gap −1, stored under p+1).</summary>
    public Tensor Backward { get; }

    /// <summary>(N − 1, 1, H, W) or null: 1 where a pixel of frame p stays visible in p+1.</summary>
    public Tensor? FirstVisible { get; }

    /// <summary>(N − 1, 1, H, W) or null: 1 where a pixel of frame p+1 is visible in p.</summary>
    public Tensor? SecondVisible { get; }

    /// <summary>The ground-truth masks at their own resolution; read by evaluation only.</summary>
    public IReadOnlyList<BinaryMask> Truths { get; }

    /// <summary>The number of frames.</summary>
    public int FrameCount => Stems.Count;

    /// <summary>The number of adjacent pairs, N − 1.</summary>
    public int PairCount => Stems.Count - 1;

    /// <summary>
    /// Reads <paramref name="sequence"/> of <paramref name="layout"/>: frames resized to <paramref name="width"/> ×
    /// <paramref name="height"/>, gap ±1 flows from <paramref name="flowsRoot"/> (resized with their displacements
    /// rescaled where their size differs), visibility from <paramref name="occlusionsRoot"/> when it is given, and
    /// the annotations, which every frame must have. A missing file is one error naming it.
    /// </summary>
    public static FineTuningSequence Load(DatasetLayout layout, string sequence, string flowsRoot, string? occlusionsRoot, int height, int width, Device device, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(layout);
        VideoSequence video = SequenceReader.Open(layout, sequence, requireAnnotations: true, cancellationToken: cancellationToken);
        if (video.Count < 2)
        {
            throw new VideoSegException(ErrorCodes.BadLayout, $"sequence '{sequence}' has {video.Count} frame(s); fine-tuning needs at least one pair of adjacent frames", layout.Root);
        }

        IReadOnlyList<string> stems = video.FrameStems;
        List<RgbImage> frames = SequenceReader.ReadFrames(video, cancellationToken)
            .Select(f => f.Width == width && f.Height == height ? f : ImageResizer.Resize(f, width, height))
            .ToList();

        // Pair p joins frames p and p+1: its forward flow is stored under p, its backward flow under p+1.
        Dictionary<int, IReadOnlyList<FlowField?>> flows = SequenceFlowStore.Read(flowsRoot, sequence, stems, [1, -1]);
        List<FlowField> forward = flows[1].Take(video.Count - 1).Select(f => Fit(f!, height, width)).ToList();
        List<FlowField> backward = flows[-1].Skip(1).Select(f => Fit(f!, height, width)).ToList();
        Tensor? firstVisible = null;
        Tensor? secondVisible = null;
        if (occlusionsRoot is not null)
        {
            BinaryMask?[] first = SequenceVisibilityStore.Read(occlusionsRoot, 1, sequence, stems, cancellationToken);
            BinaryMask?[] second = SequenceVisibilityStore.Read(occlusionsRoot, -1, sequence, stems, cancellationToken);
            firstVisible = FlowTensors.FromMasks(first.Take(video.Count - 1).Select(m => Fit(m!, height, width)).ToList(), device);
            secondVisible = FlowTensors.FromMasks(second.Skip(1).Select(m => Fit(m!, height, width)).ToList(), device);
        }

        return new FineTuningSequence(
            sequence,
            stems,
            FlowTensors.FromImages(frames, device),
            FlowTensors.FromFlowFields(forward, device),
            FlowTensors.FromFlowFields(backward, device),
            firstVisible,
            secondVisible,
            SequenceReader.ReadMasks(video, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// A sequence from tensors already at the network's input size, for timing and testing the fine-tuning step
    /// without a dataset on disk; the frames' stems are their indices (00000, 00001, …) and there is no visibility.
    /// The sequence takes ownership of the tensors and disposes them.
    /// </summary>
    /// <param name="name">The sequence's name.</param>
    /// <param name="frames">(N, 3, H, W): the frames, RGB 0..255, N ≥ 2.</param>
    /// <param name="forward">(N − 1, 2, H, W): the flow of frame p to p+1, in pixels.</param>
    /// <param name="backward">(N − 1, 2, H, W): the flow of frame p+1 to p, in pixels.</param>
    /// <param name="truths">N ground-truth masks, one per frame, for evaluation only.</param>
    public static FineTuningSequence FromTensors(string name, Tensor frames, Tensor forward, Tensor backward, IReadOnlyList<BinaryMask> truths)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(forward);
        ArgumentNullException.ThrowIfNull(backward);
        ArgumentNullException.ThrowIfNull(truths);
        if (frames.dim() != 4 || frames.shape[0] < 2 || frames.shape[1] != 3)
        {
            throw new VideoSegException(ErrorCodes.SizeMismatch, $"the frames must be (N, 3, H, W) with N >= 2, got [{string.Join(",", frames.shape)}]");
        }

        long[] flowShape = [frames.shape[0] - 1, 2, frames.shape[2], frames.shape[3]];
        foreach ((Tensor flow, string what) in new[] { (forward, "forward"), (backward, "backward") })
        {
            if (!flow.shape.AsSpan().SequenceEqual(flowShape))
            {
                throw new VideoSegException(ErrorCodes.SizeMismatch, $"the {what} flows must be [{string.Join(",", flowShape)}], got [{string.Join(",", flow.shape)}]");
            }
        }

        if (truths.Count != frames.shape[0])
        {
            throw new VideoSegException(ErrorCodes.SizeMismatch, $"expected one ground-truth mask per frame ({frames.shape[0]}), got {truths.Count}");
        }

        string[] stems = Enumerable.Range(0, truths.Count).Select(i => i.ToString("D5", CultureInfo.InvariantCulture)).ToArray();
        return new FineTuningSequence(name, stems, frames, forward, backward, null, null, truths);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Frames.Dispose();
        Forward.Dispose();
        Backward.Dispose();
        FirstVisible?.Dispose();
        SecondVisible?.Dispose();
    }

    private static FlowField Fit(FlowField flow, int height, int width) =>
        flow.Width == width && flow.Height == height ? flow : FlowResampling.Resize(flow, width, height, FlowRescaling.ScaleDisplacements);

    private static BinaryMask Fit(BinaryMask mask, int height, int width) =>
        mask.Width == width && mask.Height == height ? mask : MaskResampler.Resample(mask, width, height);
}
