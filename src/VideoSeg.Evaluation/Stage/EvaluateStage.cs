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
public sealed class EvaluateStage
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
        Describe().RunToOutcomeAsync((folder, token) => Task.Run(() => Compute(folder, progress, token), token), force, cancellationToken);

    private void Compute(string outputRoot, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        string predictionsRoot = _options.Predictions;
        string[] names = Directory.Exists(predictionsRoot)
            ? Directory.GetDirectories(predictionsRoot).Where(d => Directory.Exists(Path.Combine(d, "masks"))).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray()
            : [];
        if (names.Length == 0)
        {
            throw new VideoSegException(ErrorCodes.MissingFile, $"no predictions found: expected folders '<name>/masks/<seq>/' under '{predictionsRoot}'", predictionsRoot);
        }

        IReadOnlyList<string> sequences = _layout.ReadSequences();
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
            DatasetAggregate mean = DatasetEvaluator.Aggregate(scored).SequenceMean;
            progress?.Report(StageProgress.Step($"{name}: J {100 * mean.JMean:F1}, F {100 * mean.FMean:F1}", names.Length));
        }
    }
}
