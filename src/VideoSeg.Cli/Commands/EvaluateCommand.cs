using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using VideoSeg.Cli.Infrastructure;
using VideoSeg.Core;
using VideoSeg.Core.Imaging;
using VideoSeg.Core.Pipeline;
using VideoSeg.Data.Masks;
using VideoSeg.Data.Sequences;
using VideoSeg.Evaluation;
using VideoSeg.Evaluation.Storage;

namespace VideoSeg.Cli.Commands;

/// <summary>
/// <c>videoseg evaluate</c>: scores every folder of predicted masks (DAVIS results layout,
/// <c>&lt;predictions&gt;/&lt;name&gt;/masks/&lt;seq&gt;/&lt;stem&gt;.png</c>) against the ground truth with DAVIS's J and F,
/// at the ground truth's resolution, and writes <c>&lt;out&gt;/&lt;name&gt;.json</c> with every per-frame score.
/// </summary>
public static class EvaluateCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var dataset = CommonOptions.Dataset();
        var predictions = CommonOptions.RequiredDirectory("--predictions", "A folder of <name>/masks/<seq>/<stem>.png result folders.");
        var output = CommonOptions.RequiredDirectory("--out", "Where to write <name>.json.");
        var protocol = new Option<string>("--protocol") { Description = "Frames counted: all, skip-first, skip-first-last or gwm (index > 1).", DefaultValueFactory = _ => "all" };
        protocol.AcceptOnlyFromAmong(ProtocolNames.Protocols);
        var bound = new Option<double>("--bound") { Description = "F's boundary tolerance as a fraction of the image diagonal.", DefaultValueFactory = _ => BoundaryMeasure.DefaultBoundThreshold };
        var force = CommonOptions.Force();
        var command = new Command("evaluate", "Score predicted masks with J (IoU) and F (boundary) at the ground truth's resolution.") { dataset, predictions, output, protocol, bound, force };
        command.SetAction((parse, ct) =>
        {
            var layout = new DatasetLayout(parse.GetValue(dataset)!.FullName);
            string predictionsRoot = parse.GetValue(predictions)!.FullName;
            var options = new EvaluationOptions
            {
                Protocol = ProtocolNames.Parse(parse.GetValue(protocol)!),
                BoundThreshold = parse.GetValue(bound),
                AllowResampling = true,
            };
            var stage = new IncrementalStage("evaluate", parse.GetValue(output)!.FullName)
                .WithParameter("code", CodeVersion.Of<EvaluationOptions>())
                .WithParameter("options", options)
                .WithInput(predictionsRoot)
                .WithInput(layout.AnnotationsRoot)
                .WithInput(layout.SequenceListPath)
                .WithInputRoot(layout.Root);
            return StageRunner.RunAsync(stage, parse.GetValue(force), (partial, token) => Task.Run(() => Compute(layout, predictionsRoot, options, partial, token), token), ct);
        });
        return command;
    }

    private static void Compute(DatasetLayout layout, string predictionsRoot, EvaluationOptions options, string outputRoot, CancellationToken cancellationToken)
    {
        string[] names = Directory.Exists(predictionsRoot)
            ? Directory.GetDirectories(predictionsRoot).Where(d => Directory.Exists(Path.Combine(d, "masks"))).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray()
            : [];
        if (names.Length == 0)
        {
            throw new VideoSegException(ErrorCodes.MissingFile, $"no predictions found: expected folders '<name>/masks/<seq>/' under '{predictionsRoot}'", predictionsRoot);
        }

        IReadOnlyList<string> sequences = layout.ReadSequences();
        var truths = new Dictionary<string, (VideoSequence Sequence, IReadOnlyList<BinaryMask> Masks)>(StringComparer.Ordinal);
        foreach (string name in sequences)
        {
            VideoSequence sequence = SequenceReader.Open(layout, name, requireAnnotations: true, cancellationToken: cancellationToken);
            truths[name] = (sequence, SequenceReader.ReadMasks(sequence, cancellationToken: cancellationToken));
        }

        var progress = new ConsoleProgress("evaluate", names.Length);
        foreach (string name in names)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string masksRoot = Path.Combine(predictionsRoot, name, "masks");
            var scored = new List<SequenceEvaluation>(sequences.Count);
            foreach (string sequence in sequences)
            {
                (VideoSequence video, IReadOnlyList<BinaryMask> truth) = truths[sequence];
                scored.Add(SequenceEvaluator.Evaluate(sequence, MaskFolders.Read(masksRoot, sequence, video.FrameStems), truth, options));
            }

            EvaluationStore.Write(Path.Combine(outputRoot, name + ".json"), scored);
            DatasetAggregate mean = DatasetEvaluator.Aggregate(scored).SequenceMean;
            progress.Step($"{name}: J {100 * mean.JMean:F1}, F {100 * mean.FMean:F1}");
        }
    }
}
