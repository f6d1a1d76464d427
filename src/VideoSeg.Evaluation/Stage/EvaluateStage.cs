using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using VideoSeg.Core;
using VideoSeg.Core.Imaging;
using VideoSeg.Core.Pipeline;
using VideoSeg.Data.Masks;
using VideoSeg.Data.Sequences;
using VideoSeg.Evaluation.Storage;

namespace VideoSeg.Evaluation.Stage;

/// <summary>
/// The evaluate stage: scores every folder of predicted masks (DAVIS results layout,
/// <c>&lt;predictions&gt;/&lt;name&gt;/masks/&lt;seq&gt;/&lt;stem&gt;.png</c>) against the ground truth with DAVIS's J and F,
/// at the ground truth's resolution, and writes <c>&lt;out&gt;/&lt;name&gt;.json</c> with every per-frame score.
/// It alone reads files; the scorers it calls see only masks.
/// </summary>
public sealed class EvaluateStage : IShardedStage
{
    /// <summary>The stage's name in stamps and logs.</summary>
    public const string Name = "evaluate";

    private readonly EvaluateStageOptions _options;
    private readonly DatasetLayout _layout;

    /// <summary>Creates the stage.</summary>
    public EvaluateStage(EvaluateStageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _layout = new DatasetLayout(options.Dataset);
    }

    /// <summary>The incremental stage: output, stamp, parameters and inputs.</summary>
    public IncrementalStage Describe() =>
        new IncrementalStage(Name, _options.Output)
            .WithCode(typeof(EvaluateStage))
            .WithParameter("options", _options.Scoring)
            .WithInput(_options.Predictions)
            .WithInput(_layout.AnnotationsRoot)
            .WithInput(_layout.SequenceListPath)
            .WithInputRoot(_layout.Root);

    /// <summary>Runs the stage unless it is up to date (or <paramref name="force"/>).</summary>
    public Task<StageOutcome> RunAsync(bool force, IProgress<StageProgress>? progress, CancellationToken cancellationToken) =>
        RunAsync(ShardSpec.Whole, force, progress, cancellationToken);

    /// <inheritdoc />
    /// <remarks>Each shard writes every <c>&lt;name&gt;.json</c> with its own sequences only.</remarks>
    public Task<StageOutcome> RunAsync(ShardSpec shard, bool force, IProgress<StageProgress>? progress, CancellationToken cancellationToken) =>
        ShardedStage.RunAsync(Describe(), shard, (folder, token) => Task.Run(() => Compute(folder, shard, progress, token), token), force, cancellationToken);

    /// <inheritdoc />
    /// <remarks>Each <c>&lt;name&gt;.json</c> is the shards' sequences put back in the sequence list's order.</remarks>
    public Task<StageOutcome> MergeShardsAsync(int count, bool force, CancellationToken cancellationToken) =>
        ShardedStage.MergeAsync(Describe(), count, Merge, force, cancellationToken);

    private void Merge(IReadOnlyList<string> shardFolders, string outputRoot, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> sequences = _layout.ReadSequences();
        var scores = new SortedDictionary<string, List<SequenceEvaluation>>(StringComparer.Ordinal);
        foreach (string folder in shardFolders)
        {
            foreach ((string name, IReadOnlyList<SequenceEvaluation> scored) in EvaluationStore.ReadAll(folder))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!scores.TryGetValue(name, out List<SequenceEvaluation>? all))
                {
                    scores[name] = all = [];
                }

                all.AddRange(scored);
            }
        }

        foreach ((string name, List<SequenceEvaluation> scored) in scores)
        {
            string[] found = scored.Select(s => s.Sequence).Order(StringComparer.Ordinal).ToArray();
            if (!found.SequenceEqual(sequences.Order(StringComparer.Ordinal), StringComparer.Ordinal))
            {
                throw new VideoSegException(ErrorCodes.ShardIncomplete, $"the shards' scores of '{name}' cover the sequences [{string.Join(", ", found)}], but the sequence list has [{string.Join(", ", sequences)}]", _layout.SequenceListPath);
            }

            EvaluationStore.Write(Path.Combine(outputRoot, name + ".json"), sequences.Select(q => scored.Single(s => s.Sequence == q)).ToList());
        }
    }

    private void Compute(string outputRoot, ShardSpec shard, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        string predictionsRoot = _options.Predictions;
        string[] names = Directory.Exists(predictionsRoot)
            ? Directory.GetDirectories(predictionsRoot).Where(d => Directory.Exists(Path.Combine(d, "masks"))).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray()
            : [];
        if (names.Length == 0)
        {
            throw new VideoSegException(ErrorCodes.MissingFile, $"no predictions found: expected folders '<name>/masks/<seq>/' under '{predictionsRoot}'", predictionsRoot);
        }

        IReadOnlyList<string> sequences = shard.Select(_layout.ReadSequences());
        var truths = new Dictionary<string, (VideoSequence Sequence, IReadOnlyList<BinaryMask> Masks)>(StringComparer.Ordinal);
        foreach (string name in sequences)
        {
            VideoSequence sequence = SequenceReader.Open(_layout, name, requireAnnotations: true, cancellationToken: cancellationToken);
            truths[name] = (sequence, SequenceReader.ReadMasks(sequence, cancellationToken: cancellationToken));
        }

        foreach (string name in names)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string masksRoot = Path.Combine(predictionsRoot, name, "masks");
            var scored = new List<SequenceEvaluation>(sequences.Count);
            foreach (string sequence in sequences)
            {
                (VideoSequence video, IReadOnlyList<BinaryMask> truth) = truths[sequence];
                scored.Add(SequenceEvaluator.Evaluate(sequence, MaskFolders.Read(masksRoot, sequence, video.FrameStems), truth, _options.Scoring));
            }

            EvaluationStore.Write(Path.Combine(outputRoot, name + ".json"), scored);

            // A shard may hold no sequence (more shards than sequences): it writes its empty lists and has no mean to show.
            string means = scored.Count == 0 ? "no sequence in this shard" : Means(DatasetEvaluator.Aggregate(scored).SequenceMean);
            progress?.Report(StageProgress.Step($"{name}: {means}", names.Length));
        }
    }

    private static string Means(DatasetAggregate mean) => $"J {100 * mean.JMean:F1}, F {100 * mean.FMean:F1}";
}
