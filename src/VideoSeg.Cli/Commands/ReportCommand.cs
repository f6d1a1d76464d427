using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using TorchSharp;
using VideoSeg.Cli.Infrastructure;
using VideoSeg.Core;
using VideoSeg.Core.Experiments;
using VideoSeg.Core.IO;
using VideoSeg.Core.Imaging;
using VideoSeg.Core.Pipeline;
using VideoSeg.Core.Runtime;
using VideoSeg.Data.Masks;
using VideoSeg.Data.Sequences;
using VideoSeg.Data.Synthetic;
using VideoSeg.Evaluation;
using VideoSeg.Evaluation.Storage;
using VideoSeg.Flow.Storage;
using VideoSeg.Reports.Paper;
using VideoSeg.Reports.Plots;
using VideoSeg.Reports.Provenance;
using VideoSeg.Reports.Qualitative;
using VideoSeg.Reports.Tables;

namespace VideoSeg.Cli.Commands;

/// <summary>
/// <c>videoseg report</c>: Table 1 (CSV and Markdown), the Figure 7 analogue (PNG and SVG), a
/// qualitative strip, the comparison with the paper's published numbers and the run manifest,
/// all computed from the evaluate stage's scores in this run.
/// </summary>
public static class ReportCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var suite = new Option<string>("--suite") { Description = "The suite name (synthetic, davis2016, segtrackv2).", Required = true };
        var dataset = CommonOptions.Dataset();
        var evaluation = CommonOptions.RequiredDirectory("--evaluation", "The evaluate stage's output.");
        var refined = CommonOptions.RequiredDirectory("--refined", "The refine stage's output.");
        var flows = CommonOptions.Flows();
        var matrix = CommonOptions.Matrix();
        var output = CommonOptions.RequiredDirectory("--out", "The report folder (replaced as a whole).");
        var aggregation = new Option<string>("--aggregation") { Description = "Dataset mean over sequences (DAVIS) or over frames (SegTrackV2, GWM).", DefaultValueFactory = _ => "sequences" };
        aggregation.AcceptOnlyFromAmong(ProtocolNames.Aggregations);
        var baseMasks = new Option<string>("--basemasks-source") { Description = "The base-mask source, for the tables.", DefaultValueFactory = _ => "motion" };
        var selector = new Option<string?>("--selector") { Description = "How the base-mask source picked the foreground (gwm: corner-rule, motion-residual or oracle-iou), for the tables and the protocol." };
        var strip = new Option<string?>("--strip-sequence") { Description = "The sequence shown in the qualitative strip (default: the first)." };
        var repo = new Option<DirectoryInfo>("--repo") { Description = "The repository root, for the git SHA.", DefaultValueFactory = _ => new DirectoryInfo(Directory.GetCurrentDirectory()) };
        var seed = new Option<int>("--seed") { Description = "The run's seed, recorded in the manifest.", DefaultValueFactory = _ => 42 };
        var force = CommonOptions.Force();
        var command = new Command("report", "Write Table 1, the Figure 7 analogue, a qualitative strip, the paper comparison and the run manifest.")
        {
            suite, dataset, evaluation, refined, flows, matrix, output, aggregation, baseMasks, selector, strip, repo, seed, force,
        };
        command.SetAction((parse, ct) => RunAsync(
            new ReportOptions(
                parse.GetValue(suite)!,
                parse.GetValue(dataset)!.FullName,
                parse.GetValue(evaluation)!.FullName,
                parse.GetValue(refined)!.FullName,
                parse.GetValue(flows)!.FullName,
                parse.GetValue(matrix)!.FullName,
                parse.GetValue(output)!.FullName,
                parse.GetValue(aggregation)!,
                parse.GetValue(baseMasks)!,
                parse.GetValue(selector),
                parse.GetValue(strip),
                parse.GetValue(repo)!.FullName,
                parse.GetValue(seed),
                parse.GetValue(force)),
            ct));
        return command;
    }

    /// <summary>Runs the stage.</summary>
    public static Task<int> RunAsync(ReportOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ExperimentMatrix matrix = ExperimentMatrix.Load(options.Matrix);
        var layout = new DatasetLayout(options.Dataset);
        var stage = new IncrementalStage("report", options.Output)
            .WithParameter("code", CodeVersion.Of<Table1Row>())
            .WithParameter("suite", options.Suite)
            .WithParameter("matrix", matrix.Hash)
            .WithParameter("aggregation", options.Aggregation)
            .WithParameter("basemasks", options.BaseMasksLabel)
            .WithParameter("strip", options.StripSequence)
            .WithParameter("seed", options.Seed)
            .WithInput(options.Evaluation)
            .WithInput(options.Refined)
            .WithInput(layout.FramesRoot)
            .WithInputRoot(layout.Root)
            .WithInputRoot(options.Matrix);
        DateTimeOffset started = DateTimeOffset.UtcNow;
        return StageRunner.RunAsync(stage, options.Force, (partial, ct) => Task.Run(() => Write(options, matrix, layout, partial, started, ct), ct), cancellationToken);
    }

    private static void Write(ReportOptions options, ExperimentMatrix matrix, DatasetLayout layout, string output, DateTimeOffset started, CancellationToken cancellationToken)
    {
        var progress = new ConsoleProgress("report", 6);
        SortedDictionary<string, IReadOnlyList<SequenceEvaluation>> scores = EvaluationStore.ReadAll(options.Evaluation);
        DatasetAggregation aggregation = ProtocolNames.ParseAggregation(options.Aggregation);
        string datasetLabel = SuiteLabels.Describe(options.Suite);
        FlowRunInfo flowInfo = FlowRunInfo.Read(options.Flows);

        DatasetAggregate Aggregate(string name) =>
            scores.TryGetValue(name, out IReadOnlyList<SequenceEvaluation>? sequences)
                ? DatasetEvaluator.Aggregate(sequences).For(aggregation)
                : throw new VideoSegException(ErrorCodes.MissingFile, $"no scores for '{name}' in '{options.Evaluation}'; rerun 'videoseg evaluate'", options.Evaluation);

        RefinementConfiguration baseConfiguration = matrix.Configurations.First(c => c.Kind == RefinementKind.Base);
        DatasetAggregate baseline = Aggregate(baseConfiguration.Name);
        var rows = new List<Table1Row>();
        foreach (RefinementConfiguration configuration in matrix.Configurations)
        {
            DatasetAggregate aggregate = Aggregate(configuration.Table1OutputName);
            rows.Add(new Table1Row(
                configuration.Table1OutputName,
                configuration.Table1Label ?? Describe(configuration),
                datasetLabel,
                flowInfo.Estimator,
                configuration.Kind == RefinementKind.Reference ? configuration.Source! : options.BaseMasksLabel,
                aggregate.SequenceCount,
                aggregate.FrameCount,
                aggregate.JMean,
                aggregate.JMean - baseline.JMean,
                aggregate.FMean,
                aggregate.FMean - baseline.FMean,
                aggregate.JRecall,
                aggregate.JDecay ?? double.NaN));
        }

        Table1CsvWriter.Write(Path.Combine(output, "table1.csv"), rows);
        GitInfo git = GitInfo.Read(options.RepositoryRoot);
        var seeds = new SortedDictionary<string, long>(StringComparer.Ordinal) { ["run"] = options.Seed, ["torch"] = options.Seed };
        foreach ((string key, long value) in SuiteSeeds(layout))
        {
            seeds[key] = value;
        }

        EnvironmentBlock environment = EnvironmentBlock.CaptureHost(git, SdkVersion(), ToolVersions.Of<torch.Tensor>(), flowInfo.LibTorch, flowInfo.Device, seeds, options.Suite);
        Table1MarkdownWriter.Write(Path.Combine(output, "table1.md"), rows, environment);
        progress.Step("Table 1");

        var points = new List<IterationCurvePoint>();
        foreach (RefinementConfiguration configuration in matrix.Configurations.Where(c => c.Kind == RefinementKind.Iterative))
        {
            string series = $"{configuration.Name} (α = {configuration.Alpha}, {(configuration.NormalizeWeights ? "normalised" : "paper-code")} weights, {configuration.WarpConvention}, {configuration.Propagation})";
            points.Add(new IterationCurvePoint(datasetLabel, series, 0, baseline.JMean));
            for (int k = 1; k <= configuration.Iterations; k++)
            {
                points.Add(new IterationCurvePoint(datasetLabel, series, k, Aggregate(configuration.IterationOutputName(k)).JMean));
            }
        }

        if (points.Count > 0)
        {
            IterationCurvePlot.Write(
                Path.Combine(output, "figure7.png"),
                Path.Combine(output, "figure7.svg"),
                points,
                new IterationCurvePlotOptions { Title = $"Iterative warping: mean J vs iterations ({datasetLabel}, {options.BaseMasksLabel} base masks)" });
            CsvTableWriter.Write(
                Path.Combine(output, "figure7.csv"),
                ["dataset", "series", "iteration", "mean_j"],
                points.Select(p => (IReadOnlyList<string>)[p.Dataset, p.Series, Invariant(p.Iteration), Invariant(p.MeanJ)]));
        }

        progress.Step("Figure 7");
        WriteStrip(options, matrix, layout, scores, output, cancellationToken);
        progress.Step("qualitative strip");

        MeasurementKind kind = options.Suite == "synthetic" ? MeasurementKind.SyntheticSuite : MeasurementKind.RealData;
        var ours = new List<MeasuredFigure>();
        AddCounterpart(ours, rows, baseConfiguration.Name, PaperNumbers.GwmRow, kind);
        AddCounterpart(ours, rows, matrix.Configurations.FirstOrDefault(c => c.Kind == RefinementKind.Initial && c.Table1Label is not null)?.Name, PaperNumbers.InitialRefinementRow, kind);
        ComparisonTableWriter.Write(
            Path.Combine(output, "comparison.md"),
            Path.Combine(output, "comparison.csv"),
            PaperNumbers.All,
            ours,
            environment,
            [
                .. PaperNumbers.Caveats,
                DescribeBaseMasks(options),
                $"Protocol: {ProtocolNames.Describe(scores.Values.First()[0].Protocol)}; dataset mean over {options.Aggregation}; masks compared at the ground truth's resolution.",
            ]);
        progress.Step("paper comparison");

        WritePerSequence(Path.Combine(output, "per-sequence.csv"), scores);
        progress.Step("per-sequence scores");

        var outputs = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (string file in ContentHash.ListFiles(output))
        {
            outputs[file] = ContentHash.OfFile(Path.Combine(output, file));
        }

        var manifest = new RunManifest(
            RunManifest.CurrentSchemaVersion,
            started,
            DateTimeOffset.UtcNow,
            environment,
            new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                ["videoseg"] = ToolVersions.Of(typeof(Program)),
                ["dotnet-runtime"] = ToolVersions.Runtime,
                ["dotnet-sdk"] = environment.SdkVersion,
                ["TorchSharp"] = ToolVersions.Of<torch.Tensor>(),
                ["libtorch"] = flowInfo.LibTorch,
                ["ScottPlot"] = ToolVersions.Of<ScottPlot.Plot>(),
                ["CsvHelper"] = ToolVersions.Of<CsvHelper.CsvWriter>(),
            },
            new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                ["suite"] = options.Suite,
                ["aggregation"] = options.Aggregation,
                ["basemasks"] = options.BaseMasksLabel,
                ["flow-estimator"] = flowInfo.Estimator,
                ["flow-resolution"] = flowInfo.Resolution,
                ["warp"] = matrix.WarpConvention,
                ["propagation"] = matrix.Propagation,
                ["occlusion"] = matrix.Occlusion.ToString(),
                ["threshold"] = matrix.Threshold.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["configurations"] = string.Join("; ", matrix.Configurations),
            },
            matrix.Hash,
            new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                ["frames"] = ContentHash.OfDirectory(layout.FramesRoot),
                ["annotations"] = ContentHash.OfDirectory(layout.AnnotationsRoot),
                ["evaluation"] = ContentHash.OfDirectory(options.Evaluation),
                ["refined"] = ContentHash.OfDirectory(options.Refined),
            },
            outputs,
            ReadStamps(layout.Root, Path.GetDirectoryName(options.Output)!),
            $"{ProtocolNames.Describe(scores.Values.First()[0].Protocol)}; J = IoU, F = DAVIS boundary F (tolerance 0.008 × diagonal); dataset mean over {options.Aggregation}; predictions at {flowInfo.Resolution} resampled bilinearly to the ground truth's resolution and thresholded at 0.5; one foreground mask per frame from the '{options.BaseMasks}' source ({DescribeSelector(options.Selector)}).");
        RunManifestWriter.Write(Path.Combine(output, "manifest.json"), manifest);
        progress.Step("manifest");
    }

    private static void AddCounterpart(List<MeasuredFigure> ours, List<Table1Row> rows, string? configuration, string paperRow, MeasurementKind kind)
    {
        Table1Row? row = configuration is null ? null : rows.FirstOrDefault(r => r.Configuration == configuration);
        PaperFigure? counterpart = PaperNumbers.All.FirstOrDefault(p => p.Artifact == PaperNumbers.Table1 && p.Row == paperRow);
        if (row is not null && counterpart is not null)
        {
            ours.Add(MeasuredFigure.FromTable1Row(counterpart, row, kind));
        }
    }

    private static void WriteStrip(ReportOptions options, ExperimentMatrix matrix, DatasetLayout layout, SortedDictionary<string, IReadOnlyList<SequenceEvaluation>> scores, string output, CancellationToken cancellationToken)
    {
        string name = options.StripSequence ?? layout.ReadSequences()[0];
        VideoSequence sequence = SequenceReader.Open(layout, name, requireAnnotations: true, cancellationToken: cancellationToken);
        int frame = sequence.FrameStems.Count / 2;
        RgbImage image = SequenceReader.ReadFrame(sequence, frame);
        BinaryMask truth = SequenceReader.ReadMask(sequence, frame);
        var masks = new List<LabelledMask>();
        foreach (RefinementConfiguration configuration in matrix.Configurations.Where(c => c.Table1Label is not null))
        {
            string outputName = configuration.Table1OutputName;
            BinaryMask mask = MaskFolders.Read(Path.Combine(options.Refined, outputName, "masks"), name, [sequence.FrameStems[frame]])[0];
            mask = MaskResampler.Resample(mask, image.Width, image.Height);

            double? j = scores.TryGetValue(outputName, out IReadOnlyList<SequenceEvaluation>? evaluated)
                ? evaluated.FirstOrDefault(s => s.Sequence == name)?.Frames.FirstOrDefault(f => f.FrameIndex == frame)?.J
                : null;
            masks.Add(new LabelledMask(configuration.Name, mask, j));
        }

        QualitativeStripWriter.Write(Path.Combine(output, $"qualitative-{name}-{sequence.FrameStems[frame]}.png"), image, truth, masks);
    }

    private static void WritePerSequence(string path, SortedDictionary<string, IReadOnlyList<SequenceEvaluation>> scores) =>
        CsvTableWriter.Write(
            path,
            ["configuration", "sequence", "counted_frames", "j_mean", "j_recall", "j_decay", "f_mean", "f_recall", "f_decay"],
            scores.SelectMany(entry => entry.Value.Select(s => (IReadOnlyList<string>)
            [
                entry.Key, s.Sequence, Invariant(s.CountedFrameCount),
                Invariant(s.J.Mean), Invariant(s.J.Recall), Invariant(s.J.Decay),
                Invariant(s.F.Mean), Invariant(s.F.Recall), Invariant(s.F.Decay),
            ])));

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Invariant(double value) => value.ToString("F6", CultureInfo.InvariantCulture);

    private static List<StageStamp> ReadStamps(string datasetRoot, string resultsRoot)
    {
        var files = new List<string>();
        string datasetStamp = datasetRoot.TrimEnd('/') + ".stamp.json";
        if (File.Exists(datasetStamp))
        {
            files.Add(datasetStamp);
        }

        files.AddRange(Directory.EnumerateFiles(resultsRoot, "*.stamp.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
        var stamps = new List<StageStamp>();
        foreach (string file in files)
        {
            StageStamp? stamp;
            try
            {
                stamp = JsonSerializer.Deserialize<StageStamp>(File.ReadAllText(file));
            }
            catch (JsonException ex)
            {
                throw new VideoSegException(ErrorCodes.BadLayout, $"not a stage stamp ({ex.Message}); the manifest records every stamp, so rerun that stage with --force or remove the file", file, ex);
            }

            if (stamp is not null && stamp.Stage != "report")
            {
                stamps.Add(stamp);
            }
        }

        return stamps;
    }

    private static IEnumerable<KeyValuePair<string, long>> SuiteSeeds(DatasetLayout layout)
    {
        string manifest = Path.Combine(layout.Root, SyntheticSuiteGenerator.ManifestFileName);
        if (File.Exists(manifest))
        {
            yield return new KeyValuePair<string, long>("synthetic-generator", SyntheticSuiteManifest.Read(manifest).Options.Seed);
        }
    }

    private static string DescribeBaseMasks(ReportOptions options) => options.BaseMasks switch
    {
        "gwm" => $"Our base masks come from a GWM-style network (small CNN backbone) trained in this run on this suite's own frames and flows, not from GWM's published DINO model; foreground by the {options.Selector ?? "corner-rule"} rule. Our 'GWM' row is the base-mask row of this run.",
        "gwm-checkpoint" => $"Our base masks come from the GWM checkpoint the run was given (GwmCheckpoint), foreground by the {options.Selector ?? "corner-rule"} rule; our 'GWM' row is the base-mask row of this run.",
        _ => $"Our base masks come from '{options.BaseMasks}', not from GWM, so our 'GWM' row is the base-mask row of this run.",
    };

    private static string DescribeSelector(string? selector) => selector switch
    {
        null => "no foreground selection",
        "oracle-iou" => "foreground: the merged mask with the higher IoU against the ground truth, GWM's evaluation rule (oracle)",
        "corner-rule" => "foreground: the smaller merged mask, swapped when three or more image corners are foreground, the paper code's rule (no ground truth)",
        "motion-residual" => "foreground: the merged mask whose flow a whole-frame quadratic motion model (the camera hypothesis) explains worse (no ground truth)",
        _ => $"foreground: {selector}",
    };

    private static string Describe(RefinementConfiguration c) => c.Kind switch
    {
        RefinementKind.Reference => $"Base masks of '{c.Source}' (reference row)",
        RefinementKind.Base => "Base masks",
        RefinementKind.Initial => $"Initial refinement ({c.WarpConvention}, {c.Propagation})",
        RefinementKind.WeightedAverage => $"Weighted average, gaps {string.Join('/', c.Gaps)}{(c.IncludeCurrent ? string.Empty : ", neighbours only")} ({c.WarpConvention}, {c.Propagation})",
        RefinementKind.Iterative => $"Iterative warping, α = {c.Alpha}, {(c.NormalizeWeights ? "normalised" : "paper-code")} weights, iteration {c.ReportIteration} ({c.WarpConvention}, {c.Propagation})",
        _ => c.Name,
    };

    private static string SdkVersion()
    {
        ChildProcessResult result = ChildProcess.Run("dotnet", ["--version"]);
        return result.ExitCode == 0 && result.Stdout.Trim().Length > 0 ? result.Stdout.Trim() : "unknown";
    }
}
