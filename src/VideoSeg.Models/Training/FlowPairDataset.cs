using System;
using System.Collections.Generic;
using System.Linq;
using VideoSeg.Core;
using VideoSeg.Core.Formats;
using VideoSeg.Core.Imaging;
using VideoSeg.Core.Pipeline;
using VideoSeg.Data.Imaging;
using VideoSeg.Data.Sequences;
using VideoSeg.Flow.Import;
using VideoSeg.Flow.Warping;
using VideoSeg.Models.Loss;
using static TorchSharp.torch;

namespace VideoSeg.Models.Training;

/// <summary>
/// GWM's training data (<c>FlowPairDetectron</c>): a DAVIS-layout suite's frames and a flows cache in the
/// MotionGrouping layout (<c>Flows_gap{g}/&lt;seq&gt;/&lt;stem&gt;.flo</c>, named by the source frame), sampled by
/// <see cref="GapPairSampler"/> so the stream of batches is fixed by the seed. Frames are resized to the input size
/// by <see cref="ImageResizer"/> (area averaging down; GWM resizes bicubically) and flows by
/// <see cref="FlowResampling"/> with their displacements rescaled; the flow is left unclipped for the loss to clip.
/// Files are read when a batch is drawn, so memory stays flat on large suites.
/// </summary>
public sealed class FlowPairDataset
{
    private readonly string _flowsRoot;
    private readonly GapPairSampler _sampler;
    private readonly VideoSequence[] _sequences;
    private readonly int[] _lengths;

    /// <summary>Opens every sequence listed by <paramref name="layout"/> and checks it has a frame to train on.</summary>
    /// <param name="layout">The suite.</param>
    /// <param name="flowsRoot">The folder holding <c>Flows_gap{g}</c> (e.g. <c>results/&lt;suite&gt;/flows/&lt;estimator&gt;</c>).</param>
    /// <param name="gaps">The gaps whose pairs are sampled.</param>
    /// <param name="batchSize">Samples per batch.</param>
    /// <param name="height">Output height.</param>
    /// <param name="width">Output width.</param>
    /// <param name="seed">The sampler's seed.</param>
    public FlowPairDataset(DatasetLayout layout, string flowsRoot, IReadOnlyList<int> gaps, int batchSize, int height, int width, long seed)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentException.ThrowIfNullOrEmpty(flowsRoot);
        if (batchSize <= 0 || height <= 0 || width <= 0)
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, $"batch size and output size must be positive, got batch {batchSize}, {height}x{width}");
        }

        _flowsRoot = flowsRoot;
        _sampler = new GapPairSampler(gaps, seed);
        _sequences = layout.ReadSequences().Select(name => SequenceReader.Open(layout, name)).ToArray();
        if (_sequences.Length == 0)
        {
            throw new VideoSegException(ErrorCodes.MissingFile, $"no sequences listed in '{layout.SequenceListPath}'", layout.SequenceListPath);
        }

        _lengths = _sequences.Select(s => s.Count).ToArray();
        BatchSize = batchSize;
        Height = height;
        Width = width;
    }

    /// <summary>Samples per batch.</summary>
    public int BatchSize { get; }

    /// <summary>Output height.</summary>
    public int Height { get; }

    /// <summary>Output width.</summary>
    public int Width { get; }

    /// <summary>The sequences, in the suite's list order.</summary>
    public IReadOnlyList<VideoSequence> Sequences => _sequences;

    /// <summary>Draws the next batch's samples without reading any file.</summary>
    public IReadOnlyList<GapPairSample> NextSamples()
    {
        var samples = new GapPairSample[BatchSize];
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] = _sampler.Next(_lengths);
        }

        return samples;
    }

    /// <summary>Advances the sampler past <paramref name="batches"/> batches, as if they had been drawn (used to resume).</summary>
    public void Skip(long batches)
    {
        for (long b = 0; b < batches; b++)
        {
            NextSamples();
        }
    }

    /// <summary>Draws and reads the next batch onto <paramref name="device"/> (CPU when null).</summary>
    public FlowPairBatch NextBatch(Device? device = null)
    {
        IReadOnlyList<GapPairSample> samples = NextSamples();
        var frames = new List<RgbImage>(samples.Count);
        var flows = new List<FlowField>(samples.Count);
        foreach (GapPairSample sample in samples)
        {
            VideoSequence sequence = _sequences[sample.Sequence];
            frames.Add(ImageResizer.Resize(SequenceReader.ReadFrame(sequence, sample.Frame), Width, Height));
            string flowPath = DatasetLayout.FlowPath(_flowsRoot, sample.Pair.First, sequence.Name, sequence.FrameStems[sample.Frame]);
            flows.Add(FlowResampling.Resize(FloFormat.Read(flowPath), Width, Height, FlowRescaling.ScaleDisplacements));
        }

        Device target = device ?? CPU;
        Tensor imageTensor = FlowTensors.FromImages(frames, target);
        Tensor flowTensor = FlowTensors.FromFlowFields(flows, target);
        return new FlowPairBatch(imageTensor, flowTensor, samples);
    }
}
