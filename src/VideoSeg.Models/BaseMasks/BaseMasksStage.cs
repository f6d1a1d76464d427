using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using VideoSeg.Core;
using VideoSeg.Core.Imaging;
using VideoSeg.Core.Pipeline;
using VideoSeg.Data.Imaging;
using VideoSeg.Data.Masks;
using VideoSeg.Data.Sequences;
using VideoSeg.Flow.Storage;
using VideoSeg.Models.Checkpoints;
using VideoSeg.Models.Foreground;
using VideoSeg.Models.Inference;
using VideoSeg.Models.Motion;
using VideoSeg.Models.Network;
using VideoSeg.Models.Training;

namespace VideoSeg.Models.BaseMasks;

/// <summary>
/// The base-masks stage: the masks every refinement starts from, one foreground mask per frame at the flows'
/// resolution, in <c>&lt;out&gt;/&lt;seq&gt;/&lt;stem&gt;.png</c>. Sources: <c>motion</c>, the classical
/// motion-segmentation baseline (<see cref="MotionSegmentationBaseline"/>); <c>import</c>, a folder of PNG masks
/// such as GWM's predictions in the DAVIS results layout; or <c>gwm</c>, a GWM network: our trainer's export, or
/// GWM's published <c>checkpoint_best.pth</c> with DINO's ViT-B/8 weights; K → 2 merging uses GWM's DINO ViT-S/8
/// key features when given their weights, else the network's backbone features. The network's own options set
/// the frame size. Incremental: its stamp covers the flows, the sequence list, whatever the source reads, the
/// settings, the device and the code (<see cref="CodeFingerprint"/>).
/// </summary>
public sealed class BaseMasksStage : IShardedStage
{
    /// <summary>The stage's name in stamps and logs.</summary>
    public const string Name = "basemasks";

    private readonly BaseMasksStageOptions _options;
    private readonly DatasetLayout _layout;
    private readonly MotionSegmentationBaseline _baseline = new();
    private readonly string? _checkpoint;
    private readonly string? _backboneWeights;
    private readonly string? _mergeWeights;

    /// <summary>Creates the stage, finding the checkpoint a <c>gwm</c> source loads.</summary>
    /// <exception cref="VideoSegException">
    /// <see cref="ErrorCodes.InvalidArgument"/> for an import without its folder or a <c>gwm</c> source without a model;
    /// <see cref="ErrorCodes.MissingFile"/> for a training folder without a checkpoint or weights that are not there.
    /// </exception>
    public BaseMasksStage(BaseMasksStageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Source == BaseMaskSourceKind.Import && options.Import is null)
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, "--source import needs --import <folder of <seq>/<stem>.png masks>");
        }

        if (options.Source == BaseMaskSourceKind.Gwm)
        {
            _checkpoint = ModelCheckpointLocator.Resolve(options.Model, "--source gwm");
            _backboneWeights = ExistingFile(options.BackboneWeights, "--backbone-weights", "DINO ViT-B/8 weights (dino_vitbase8_pretrain.pth)");
            _mergeWeights = ExistingFile(options.MergeWeights, "--merge-weights", "DINO ViT-S/8 weights (dino_deitsmall8_pretrain.pth)");
        }

        _options = options;
        _layout = new DatasetLayout(options.Dataset);
    }

    /// <summary>The incremental stage: output, stamp, parameters and inputs.</summary>
    public IncrementalStage Describe()
    {
        bool gwm = _options.Source == BaseMaskSourceKind.Gwm;
        var stage = new IncrementalStage(Name, _options.Output)
            .WithCode(typeof(BaseMasksStage))
            .WithParameter("source", BaseMaskSourceNames.Name(_options.Source))
            .WithParameter("gwm", gwm ? GwmStampValue() : null)
            .WithParameter("gwm-merge-features", gwm ? (_mergeWeights is null ? "network-backbone-stride8" : $"dino-vits8-stride4-key{VitKeyFeatureExtractor.GwmLayer}") : null)
            .WithParameter("baseline", _baseline.Name)
            .WithParameter("device", _options.Device.StampValue)
            .WithInput(_options.Flows)
            .WithInput(_layout.SequenceListPath)
            .WithInputRoot(_layout.Root);
        if (_options.Import is not null)
        {
            stage.WithInput(_options.Import);
        }

        if (_checkpoint is not null)
        {
            stage.WithInput(_checkpoint).WithInput(_layout.FramesRoot).WithInputRoot(_options.Model!);
            if (_backboneWeights is not null)
            {
                stage.WithInput(_backboneWeights);
            }

            if (_mergeWeights is not null)
            {
                stage.WithInput(_mergeWeights);
            }

            if (_options.Selector == ForegroundSelectorKind.OracleIoU)
            {
                stage.WithInput(_layout.AnnotationsRoot);
            }
        }

        return stage;
    }

    /// <summary>Runs the stage unless it is up to date (or <paramref name="force"/>).</summary>
    public Task<StageOutcome> RunAsync(bool force, IProgress<StageProgress>? progress, CancellationToken cancellationToken) =>
        RunAsync(ShardSpec.Whole, force, progress, cancellationToken);

    /// <inheritdoc />
    /// <remarks>Each shard writes the masks of its own sequences; a sequence's masks depend on that sequence alone.</remarks>
    public Task<StageOutcome> RunAsync(ShardSpec shard, bool force, IProgress<StageProgress>? progress, CancellationToken cancellationToken) =>
        ShardedStage.RunAsync(Describe(), shard, (folder, token) => Task.Run(() => Compute(folder, shard, progress, token), token), force, cancellationToken);

    /// <inheritdoc />
    /// <remarks>The masks of all shards, which never share a file.</remarks>
    public Task<StageOutcome> MergeShardsAsync(int count, bool force, CancellationToken cancellationToken) =>
        ShardedStage.MergeAsync(Describe(), count, (shards, folder, token) => ShardedStage.CopyUnion(shards, folder, cancellationToken: token), force, cancellationToken);

    private void Compute(string outputRoot, ShardSpec shard, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> sequences = shard.Select(_layout.ReadSequences());
        TorchSharp.torch.Device device = _options.Device.Resolved;

        // Our trainer's export is the network its training.json names (CpuSmall when there is none, e.g. a bare .pth),
        // with the given K; GWM's checkpoint decides its own sizes (GwmDino, its K).
        GwmNetworkOptions exportOptions = ((_options.Model is null ? null : TrainingStage.TrainedNetwork(_options.Model)) ?? GwmNetworkOptions.CpuSmall) with { Queries = _options.Queries };
        using GwmNetwork? network = _checkpoint is null
            ? null
            : GwmSegmenter.LoadNetwork(_checkpoint, exportOptions, device, _backboneWeights);
        using VitKeyFeatureExtractor? mergeFeatures = network is null || _mergeWeights is null ? null : VitKeyFeatureExtractor.LoadGwmMerger(_mergeWeights, device);
        GwmSegmenter? segmenter = network is null ? null : new GwmSegmenter(network, ForegroundSelectorNames.Create(_options.Selector), mergeFeatures);
        foreach (string name in sequences)
        {
            cancellationToken.ThrowIfCancellationRequested();
            VideoSequence sequence = SequenceReader.Open(_layout, name, cancellationToken: cancellationToken);
            IReadOnlyList<string> stems = sequence.FrameStems;
            Dictionary<int, IReadOnlyList<FlowField?>> flows = SequenceFlowStore.Read(_options.Flows, name, stems, [1, -1]);
            FlowField reference = flows[1].Concat(flows[-1]).First(f => f is not null)!;
            IReadOnlyList<BinaryMask> masks;
            if (segmenter is not null)
            {
                GwmNetworkOptions net = network!.Options;
                masks = segmenter.Segment(
                        SequenceReader.ReadFrames(sequence, cancellationToken).Select(f => ImageResizer.Resize(f, net.InputWidth, net.InputHeight)).ToList(),
                        flows[1].Select((f, t) => f ?? Negate(flows[-1][t]!)).Select(f => f.Width == net.InputWidth && f.Height == net.InputHeight ? f : null).ToList(),
                        _options.Selector == ForegroundSelectorKind.OracleIoU ? SequenceReader.ReadMasks(sequence, cancellationToken: cancellationToken) : null,
                        batchSize: 8,
                        cancellationToken)
                    .Select(m => MaskResampler.Resample(m, reference.Width, reference.Height))
                    .ToList();
            }
            else if (_options.Source == BaseMaskSourceKind.Import)
            {
                masks = MaskFolders.Read(_options.Import!, name, stems)
                    .Select(m => MaskResampler.Resample(m, reference.Width, reference.Height))
                    .ToList();
            }
            else
            {
                // The last frame has no flow to a next frame: its motion is the negated flow to the previous one.
                var forward = new List<FlowField>(stems.Count);
                var backward = new List<FlowField?>(stems.Count);
                for (int t = 0; t < stems.Count; t++)
                {
                    forward.Add(flows[1][t] ?? Negate(flows[-1][t]!));
                    backward.Add(flows[1][t] is null ? null : flows[-1][t]);
                }

                masks = _baseline.Segment(forward, backward, device);
            }

            MaskFolders.Write(outputRoot, name, stems, masks);
            progress?.Report(StageProgress.Step(name, sequences.Count));
        }
    }

    // The record the command used to stamp, spelled the same way so that a manifest reads as before.
    private string GwmStampValue() => string.Create(
        CultureInfo.InvariantCulture,
        $"GwmSource {{ Checkpoint = {_checkpoint}, Selector = {ForegroundSelectorNames.Name(_options.Selector)}, Queries = {_options.Queries} }}");

    private static string? ExistingFile(string? path, string option, string what)
    {
        if (path is null)
        {
            return null;
        }

        string full = Path.GetFullPath(path);
        return File.Exists(full)
            ? full
            : throw new VideoSegException(ErrorCodes.MissingFile, $"{option}: {what} not found at '{full}'", full);
    }

    private static FlowField Negate(FlowField flow)
    {
        var data = new float[flow.Data.Length];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = -flow.Data[i];
        }

        return new FlowField(flow.Width, flow.Height, data);
    }
}
