using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using TorchSharp;
using VideoSeg.Core;
using VideoSeg.Core.Formats;
using VideoSeg.Core.IO;
using VideoSeg.Core.Imaging;
using VideoSeg.Core.Pipeline;
using VideoSeg.Data.Imaging;
using VideoSeg.Data.Sequences;
using VideoSeg.Flow.Devices;
using VideoSeg.Flow.Import;

namespace VideoSeg.Flow.Estimation;

/// <summary>
/// The flows stage: computes (TV-L1, or RAFT through <see cref="FlowsStageOptions.EstimatorFactory"/>) or imports
/// (ground truth, .flo trees, SSL-VOS .npy) forward and backward flows for every gap and caches them as Middlebury .flo
/// files in MotionGrouping's layout, at the working resolution, with <c>flows.json</c> recording the estimator, its
/// settings (RAFT: iterations, the weights and their SHA-256), device, libtorch version and size. Incremental: its stamp
/// covers the frames, the sequence list, any imported folder or weights file, the settings, the device and the code
/// (<see cref="CodeFingerprint"/>, of the external estimator's assembly too).
/// </summary>
public sealed class FlowsStage : IShardedStage
{
    /// <summary>The stage's name in stamps and logs.</summary>
    public const string Name = "flows";

    /// <summary>The record of the run written beside the flows.</summary>
    public const string MetadataFileName = "flows.json";

    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };
    private readonly FlowsStageOptions _options;
    private readonly DatasetLayout _layout;

    /// <summary>Creates the stage.</summary>
    /// <exception cref="VideoSegException">
    /// <see cref="ErrorCodes.InvalidArgument"/> for a working size out of bounds, an import without a source folder, or RAFT
    /// without its <see cref="FlowsStageOptions.EstimatorFactory"/> (or another kind with one).
    /// </exception>
    public FlowsStage(FlowsStageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        SizeLimits.CheckWorkingSize(options.Width, options.Height, "--width", "--height");
        if (IsImport(options.Estimator) && options.Source is null)
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, $"--estimator {FlowEstimatorNames.Name(options.Estimator)} needs --source");
        }

        string name = FlowEstimatorNames.Name(options.Estimator);
        if (FlowEstimatorNames.IsExternal(options.Estimator) && options.EstimatorFactory?.Name != name)
        {
            throw new VideoSegException(
                ErrorCodes.InvalidArgument,
                options.EstimatorFactory is null ? $"--estimator {name} needs its weights (--raft-weights)" : $"--estimator {name} was given the '{options.EstimatorFactory.Name}' estimator");
        }

        if (!FlowEstimatorNames.IsExternal(options.Estimator) && options.EstimatorFactory is not null)
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, $"--estimator {name} computes its own flows; the '{options.EstimatorFactory.Name}' estimator does not apply");
        }

        _options = options;
        _layout = new DatasetLayout(options.Dataset);
    }

    /// <summary>The incremental stage: output, stamp, parameters and inputs.</summary>
    public IncrementalStage Describe()
    {
        var stage = new IncrementalStage(Name, _options.Output)
            .WithCode(typeof(FlowsStage))
            .WithParameter("estimator", FlowEstimatorNames.Name(_options.Estimator))
            .WithParameter("device", _options.Device.StampValue)
            .WithParameter("size", $"{_options.Width}x{_options.Height}")
            .WithParameter("gaps", string.Join(',', _options.Gaps))
            .WithParameter("keepImportedDisplacements", _options.KeepImportedDisplacements)
            .WithInput(_layout.FramesRoot)
            .WithInput(_layout.SequenceListPath)
            .WithInputRoot(_layout.Root);
        if (_options.Estimator == FlowEstimatorKind.GroundTruth)
        {
            stage.WithInput(_layout.GroundTruthFlowsRoot);
        }
        else if (IsImport(_options.Estimator))
        {
            stage.WithInput(_options.Source!);
        }
        else if (_options.EstimatorFactory is { } factory)
        {
            stage.WithParameter("estimatorCode", CodeFingerprint.Of(factory.Code));
            foreach ((string key, string value) in factory.Settings.OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                stage.WithParameter($"{factory.Name}.{key}", value);
            }

            foreach (string input in factory.Inputs)
            {
                stage.WithInput(input);
            }
        }

        return stage;
    }

    /// <summary>Runs the stage unless it is up to date (or <paramref name="force"/>).</summary>
    public Task<StageOutcome> RunAsync(bool force, IProgress<StageProgress>? progress, CancellationToken cancellationToken) =>
        RunAsync(ShardSpec.Whole, force, progress, cancellationToken);

    /// <inheritdoc />
    /// <remarks>Each shard writes the flows of its own sequences and the same <c>flows.json</c>, which names no sequence.</remarks>
    public Task<StageOutcome> RunAsync(ShardSpec shard, bool force, IProgress<StageProgress>? progress, CancellationToken cancellationToken) =>
        ShardedStage.RunAsync(Describe(), shard, (folder, token) => Task.Run(() => Compute(folder, shard, progress, token), token), force, cancellationToken);

    /// <inheritdoc />
    /// <remarks>The flows of all shards, which never share a file, and their <c>flows.json</c>, identical in every shard.</remarks>
    public Task<StageOutcome> MergeShardsAsync(int count, bool force, CancellationToken cancellationToken) =>
        ShardedStage.MergeAsync(Describe(), count, (shards, folder, token) => ShardedStage.CopyUnion(shards, folder, cancellationToken: token), force, cancellationToken);

    private static bool IsImport(FlowEstimatorKind kind) => kind is FlowEstimatorKind.ImportFlo or FlowEstimatorKind.ImportNpy;

    private void Compute(string outputRoot, ShardSpec shard, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> sequences = shard.Select(_layout.ReadSequences());
        TvL1Options? tvl1 = _options.Estimator switch
        {
            FlowEstimatorKind.TvL1 => TvL1Options.Accurate,
            FlowEstimatorKind.TvL1Fast => TvL1Options.Fast,
            _ => null,
        };

        // Only TV-L1 and RAFT compute on the device; imports record that none was used.
        IFlowEstimatorFactory? factory = _options.EstimatorFactory;
        torch.Device? device = tvl1 is null && factory is null ? null : _options.Device.Resolved;
        IFlowEstimator? estimator = tvl1 is not null ? new TvL1FlowEstimator(tvl1, device) : factory?.Create(device!);
        try
        {
            ComputeSequences(outputRoot, sequences, estimator, progress, cancellationToken);
        }
        finally
        {
            (estimator as IDisposable)?.Dispose();
        }

        var metadata = new SortedDictionary<string, object>(StringComparer.Ordinal)
        {
            ["estimator"] = FlowEstimatorNames.Name(_options.Estimator),
            ["device"] = device is null ? "none (imported)" : FlowDevice.Describe(device),
            ["libtorch"] = device is null ? "not used" : torch.__version__,
            ["width"] = _options.Width,
            ["height"] = _options.Height,
            ["gaps"] = _options.Gaps,
            ["tvl1"] = tvl1?.ToString() ?? "n/a",
        };
        if (factory is not null)
        {
            metadata[factory.Name] = new SortedDictionary<string, string>(factory.Settings.ToDictionary(), StringComparer.Ordinal);
        }

        AtomicFile.WriteAllText(Path.Combine(outputRoot, MetadataFileName), JsonSerializer.Serialize(metadata, s_json));
    }

    private void ComputeSequences(string outputRoot, IReadOnlyList<string> sequences, IFlowEstimator? estimator, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        var importOptions = new FlowImportOptions(_options.Width, _options.Height, _options.KeepImportedDisplacements ? FlowRescaling.KeepDisplacements : FlowRescaling.ScaleDisplacements);
        Action<VideoSegWarning> warn = w => progress?.Report(StageProgress.Warn(w));
        var timings = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (string name in sequences)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var clock = Stopwatch.StartNew();
            VideoSequence sequence = SequenceReader.Open(_layout, name, cancellationToken: cancellationToken);
            IReadOnlyList<GapFlows> flows = _options.Estimator switch
            {
                FlowEstimatorKind.GroundTruth => new FloFolderImporter(_layout.GroundTruthFlowsRoot, importOptions) { Warning = warn }.ImportSequence(name, sequence.FrameStems, cancellationToken, _options.Gaps),
                FlowEstimatorKind.ImportFlo => new FloFolderImporter(_options.Source!, importOptions) { Warning = warn }.ImportSequence(name, sequence.FrameStems, cancellationToken, _options.Gaps),
                FlowEstimatorKind.ImportNpy => SslVosFlowImporter.ForDataset(_options.Source!, importOptions, warning: warn).ImportSequence(name, sequence.FrameStems, cancellationToken)
                    .Where(g => _options.Gaps.Contains(g.Gap)).ToList(),
                _ => Estimate(estimator!, sequence, cancellationToken),
            };
            foreach (GapFlows gap in flows)
            {
                for (int i = 0; i < gap.Flows.Count; i++)
                {
                    FloFormat.Write(DatasetLayout.FlowPath(outputRoot, gap.Gap, name, gap.SourceStems[i]), gap.Flows[i]);
                }
            }

            timings[name] = clock.Elapsed.TotalSeconds;
            progress?.Report(StageProgress.Step($"{name} ({sequence.FrameStems.Count} frames)", sequences.Count));
        }

        progress?.Report(StageProgress.Note($"seconds per sequence: {string.Join(", ", timings.Select(t => $"{t.Key} {t.Value:F1}"))}"));
    }

    private List<GapFlows> Estimate(IFlowEstimator estimator, VideoSequence sequence, CancellationToken cancellationToken)
    {
        List<RgbImage> frames = SequenceReader.ReadFrames(sequence, cancellationToken)
            .Select(f => ImageResizer.Resize(f, _options.Width, _options.Height))
            .ToList();
        var result = new List<GapFlows>();
        foreach (int gap in _options.Gaps)
        {
            var sourceIndices = Enumerable.Range(0, frames.Count).Where(t => t + gap >= 0 && t + gap < frames.Count).ToList();
            if (sourceIndices.Count == 0)
            {
                continue;
            }

            IReadOnlyList<FlowField> flows = estimator.Estimate(
                sourceIndices.Select(t => frames[t]).ToList(),
                sourceIndices.Select(t => frames[t + gap]).ToList(),
                cancellationToken);
            result.Add(new GapFlows(gap, sourceIndices.Select(t => sequence.FrameStems[t]).ToList(), flows));
        }

        return result;
    }
}
