using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using VideoSeg.Core.FineTuning;
using VideoSeg.Core.Imaging;
using VideoSeg.Core.Pipeline;
using VideoSeg.Data.Imaging;
using VideoSeg.Data.Masks;
using VideoSeg.Data.Sequences;
using VideoSeg.Data.Synthetic;
using VideoSeg.Evaluation;
using VideoSeg.Evaluation.Stage;
using VideoSeg.Reports.Stage;
using VideoSeg.TestUtilities;

namespace VideoSeg.Reports.Tests.Html;

/// <summary>
/// A whole report written by the report stage on a tiny generated suite: Table 1 with known scores, Figure 7,
/// Table 2 from fine-tuning records of two configurations on both sequences, Figures 8 and 9 from a long run
/// with snapshots, and labels that need HTML escaping, so the study page has every part to check.
/// </summary>
public sealed class StudyReportFixture : IDisposable
{
    /// <summary>A Table 1 label with every character that HTML must escape.</summary>
    public const string HostileLabel = "Initial <b>refinement</b> & \"quotes\" <script>window.injected = 1</script>";

    private const string Matrix = """
        {
          "schema": 1,
          "configurations": [
            { "name": "base", "kind": "base", "table1": "Base masks" },
            { "name": "initial", "kind": "initial", "table1": "Initial <b>refinement</b> & \"quotes\" <script>window.injected = 1</script>" },
            { "name": "iterative", "kind": "iterative", "alpha": 0.8, "iterations": 2, "reportIteration": 1, "table1": "Iterative, 1 iteration" }
          ],
          "fineTuning": {
            "stoppingRule": { "window": 3, "minRelativeImprovement": 0.01, "maxMaskChange": 0.3, "maxAreaChange": 0.25 },
            "configurations": [
              { "name": "paper-code", "loss": "paper-code", "report": "oracle-best", "table2": "Paper code" },
              { "name": "corrected", "loss": "corrected", "report": "stopping-rule", "table2": "Corrected" }
            ]
          }
        }
        """;

    private readonly TempDirectory _temp = new();

    public StudyReportFixture()
    {
        string dataset = _temp.Combine("datasets", "synthetic");
        SyntheticSuiteGenerator.Generate(dataset, new SyntheticSuiteOptions { Sequences = 2, MinFrames = 6, MaxFrames = 6, Height = 32, Width = 48, Seed = 9 });
        var layout = new DatasetLayout(dataset);
        string results = _temp.Combine("results", "synthetic");
        string refined = Path.Combine(results, "refined");
        Sequences = layout.ReadSequences();
        foreach (string name in Sequences)
        {
            VideoSequence sequence = SequenceReader.Open(layout, name, requireAnnotations: true);
            IReadOnlyList<BinaryMask> truth = SequenceReader.ReadMasks(sequence);
            BinaryMask[] empty = truth.Select(m => new BinaryMask(m.Width, m.Height)).ToArray();

            // The first sequence's base masks are right and the second's empty, so the strips have a worst sequence.
            MaskFolders.Write(Path.Combine(refined, "base", "masks"), name, sequence.FrameStems, name == Sequences[0] ? truth : empty);
            MaskFolders.Write(Path.Combine(refined, "initial", "masks"), name, sequence.FrameStems, truth);
            MaskFolders.Write(Path.Combine(refined, "iterative@1", "masks"), name, sequence.FrameStems, truth);
            MaskFolders.Write(Path.Combine(refined, "iterative@2", "masks"), name, sequence.FrameStems, empty);
        }

        string evaluation = Path.Combine(results, "evaluation");
        new EvaluateStage(new EvaluateStageOptions(dataset, refined, evaluation, EvaluationOptions.Default))
            .RunAsync(force: false, progress: null, CancellationToken.None).GetAwaiter().GetResult();
        string matrix = _temp.Combine("experiments.json");
        File.WriteAllText(matrix, Matrix);

        string perSequence = Path.Combine(results, "finetune", "per-sequence");
        string longRun = Path.Combine(results, "finetune", "long");
        foreach (string name in Sequences)
        {
            FineTuningStore.Write(perSequence, Run("paper-code", name, [0.60, 0.70, 0.55]));
            FineTuningStore.Write(perSequence, Run("corrected", name, [0.60, 0.66, 0.68]));
        }

        FineTuningStore.Write(longRun, Run("paper-code", Sequences[0], [0.60, 0.70, 0.55]) with { Protocol = "long" });
        FineTuningStore.Write(longRun, Run("corrected", Sequences[0], [0.60, 0.66, 0.68]) with { Protocol = "long" });
        VideoSequence shown = SequenceReader.Open(layout, Sequences[0], requireAnnotations: true);
        BinaryMask snapshot = SequenceReader.ReadMask(shown, 0);
        for (int iteration = 0; iteration <= 2; iteration++)
        {
            string path = Path.Combine(longRun, "snapshots", "paper-code", FineTuningStore.SnapshotFileName(iteration, shown.FrameStems[0]));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            ImageCodec.WriteMaskPng(path, snapshot);
        }

        Options = new ReportStageOptions(
            "synthetic",
            dataset,
            evaluation,
            refined,
            Path.Combine(results, "flows"),
            matrix,
            Path.Combine(results, "report"),
            DatasetAggregation.MeanOverSequences,
            "perturbed-truth",
            Selector: null,
            RepositoryRoot: _temp.Path,
            Seed: 17,
            ProgramVersion: "test",
            TorchSharpVersion: "none",
            FineTunePerSequence: perSequence,
            FineTuneLong: longRun);
        StageOutcome outcome = new ReportStage(Options).RunAsync(force: false, progress: null, CancellationToken.None).GetAwaiter().GetResult();
        if (!outcome.Ran)
        {
            throw new InvalidOperationException("the report stage did not run");
        }
    }

    /// <summary>The report stage's options; <see cref="ReportStageOptions.Output"/> holds the report.</summary>
    public ReportStageOptions Options { get; }

    /// <summary>The suite's sequences, in order.</summary>
    public IReadOnlyList<string> Sequences { get; }

    /// <summary>The study page's path.</summary>
    public string PagePath => Path.Combine(Options.Output, "index.html");

    public void Dispose() => _temp.Dispose();

    private static FineTuningRunRecord Run(string configuration, string sequence, double[] oracle) => new(
        configuration,
        sequence,
        "per-sequence",
        oracle.Length - 1,
        1,
        5,
        Enumerable.Range(0, oracle.Length - 1).Select(i => new FineTuningStepRow(i, 1, 1, 0)).ToArray(),
        oracle.Select((j, i) => new FineTuningEvaluationRow(i, j, j - 0.1, new GroundTruthFreeSignals(i, i == 0 ? double.NaN : 1, 0.1, 0.01 * i, 0.02 * i))).ToArray(),
        new StoppingDecision(1, "plateau"),
        1,
        oracle.Length - 1);
}
