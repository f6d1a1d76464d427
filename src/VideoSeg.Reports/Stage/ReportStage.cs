using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using VideoSeg.Core;
using VideoSeg.Core.Experiments;
using VideoSeg.Core.FineTuning;
using VideoSeg.Core.Imaging;
using VideoSeg.Core.IO;
using VideoSeg.Core.Pipeline;
using VideoSeg.Core.Runtime;
using VideoSeg.Data.Masks;
using VideoSeg.Data.Sequences;
using VideoSeg.Data.Synthetic;
using VideoSeg.Evaluation;
using VideoSeg.Evaluation.Storage;
using VideoSeg.Reports.FineTuning;
using VideoSeg.Reports.Html;
using VideoSeg.Reports.Paper;
using VideoSeg.Reports.Plots;
using VideoSeg.Reports.Provenance;
using VideoSeg.Reports.Qualitative;
using VideoSeg.Reports.Tables;

namespace VideoSeg.Reports.Stage;

/// <summary>
/// The report stage: Table 1 (CSV and Markdown), the Figure 7 analogue (PNG, SVG and CSV), a mask strip per
/// sequence, Table 2 and Figures 8 and 9 where fine-tuning records are given, the comparison with the paper's
/// published numbers, the per-sequence scores, the study page that shows them all, and the run manifest, all
/// computed from the evaluate stage's scores in this run. The environment block records the device as the
/// run's stamps do (requested and resolved).
/// </summary>
public sealed class ReportStage
{
    /// <summary>The stage's name in stamps and logs.</summary>
    public const string Name = "report";

    private const string PerSequenceFile = "per-sequence.csv";

    private const int Steps = 7;
    private readonly ReportStageOptions _options;
    private readonly ExperimentMatrix _matrix;
    private readonly DatasetLayout _layout;

    /// <summary>Creates the stage; the matrix is read here.</summary>
    public ReportStage(ReportStageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _matrix = ExperimentMatrix.Load(options.Matrix);
        _layout = new DatasetLayout(options.Dataset);
    }

    /// <summary>The incremental stage: output, stamp, parameters and inputs.</summary>
    public IncrementalStage Describe()
    {
        IncrementalStage stage = new IncrementalStage(Name, _options.Output)
            .WithCode(typeof(ReportStage))
            .WithParameter("suite", _options.Suite)
            .WithParameter("matrix", _matrix.Hash)
            .WithParameter("aggregation", _options.AggregationName)
            .WithParameter("basemasks", _options.BaseMasksLabel)
            .WithParameter("seed", _options.Seed)
            .WithInput(_options.Evaluation)
            .WithInput(_options.Refined)
            .WithInput(_layout.FramesRoot)
            .WithInputRoot(_layout.Root)
            .WithInputRoot(_options.Matrix);
        foreach (string? fineTuning in new[] { _options.FineTunePerSequence, _options.FineTuneLong })
        {
            if (fineTuning is not null)
            {
                stage.WithInput(fineTuning);
            }
        }

        return stage;
    }

    /// <summary>Runs the stage unless it is up to date (or <paramref name="force"/>).</summary>
    public Task<StageOutcome> RunAsync(bool force, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        DateTimeOffset started = DateTimeOffset.UtcNow;
        return Describe().RunToOutcomeAsync((folder, token) => Task.Run(() => Write(folder, started, progress, token), token), force, cancellationToken);
    }

    private void Write(string output, DateTimeOffset started, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        SortedDictionary<string, IReadOnlyList<SequenceEvaluation>> scores = EvaluationStore.ReadAll(_options.Evaluation);
        string datasetLabel = SuiteLabels.Describe(_options.Suite);
        FlowRunInfo flowInfo = FlowRunInfo.Read(_options.Flows);
        List<StageStamp> stamps = RunStamps.Read(_layout.Root, Path.GetDirectoryName(_options.Output)!);

        DatasetAggregate Aggregate(string name) =>
            scores.TryGetValue(name, out IReadOnlyList<SequenceEvaluation>? sequences)
                ? DatasetEvaluator.Aggregate(sequences).For(_options.Aggregation)
                : throw new VideoSegException(ErrorCodes.MissingFile, $"no scores for '{name}' in '{_options.Evaluation}'; rerun 'videoseg evaluate'", _options.Evaluation);

        RefinementConfiguration baseConfiguration = _matrix.Configurations.First(c => c.Kind == RefinementKind.Base);
        DatasetAggregate baseline = Aggregate(baseConfiguration.Name);
        var rows = new List<Table1Row>();
        foreach (RefinementConfiguration configuration in _matrix.Configurations)
        {
            DatasetAggregate aggregate = Aggregate(configuration.Table1OutputName);
            rows.Add(new Table1Row(
                configuration.Table1OutputName,
                configuration.Table1Label ?? ReportDescriptions.Configuration(configuration),
                datasetLabel,
                flowInfo.Estimator,
                configuration.Kind == RefinementKind.Reference ? configuration.Source! : _options.BaseMasksLabel,
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
        GitInfo git = GitInfo.Read(_options.RepositoryRoot);
        var seeds = new SortedDictionary<string, long>(StringComparer.Ordinal) { ["run"] = _options.Seed, ["torch"] = _options.Seed };
        foreach ((string key, long value) in SuiteSeeds())
        {
            seeds[key] = value;
        }

        EnvironmentBlock environment = EnvironmentBlock.CaptureHost(git, SdkVersion(), _options.TorchSharpVersion, flowInfo.LibTorch, RunStamps.Devices(stamps), seeds, _options.Suite);
        Table1MarkdownWriter.Write(Path.Combine(output, "table1.md"), rows, environment);
        progress?.Report(StageProgress.Step("Table 1", Steps));

        var figures = new List<PageFigure>();
        WriteFigure7(output, datasetLabel, baseline, Aggregate, figures);
        progress?.Report(StageProgress.Step("Figure 7", Steps));
        List<PerSequenceRow> perSequence = PerSequenceRows(scores);
        IReadOnlyList<PageStrip> strips = WriteStrips(scores, perSequence, baseConfiguration.Name, output, cancellationToken);
        progress?.Report(StageProgress.Step("qualitative strips", Steps));

        IReadOnlyList<Table2Row>? table2 = WriteFineTuning(output, datasetLabel, environment, figures, progress);

        string protocol = ProtocolNames.Describe(scores.Values.First()[0].Protocol);
        MeasurementKind kind = _options.Suite == "synthetic" ? MeasurementKind.SyntheticSuite : MeasurementKind.RealData;
        var ours = new List<MeasuredFigure>();
        var paperRows = new Dictionary<string, string>(StringComparer.Ordinal);
        AddCounterpart(ours, paperRows, rows, baseConfiguration.Name, PaperNumbers.GwmRow, kind);
        AddCounterpart(ours, paperRows, rows, _matrix.Configurations.FirstOrDefault(c => c.Kind == RefinementKind.Initial && c.Table1Label is not null)?.Name, PaperNumbers.InitialRefinementRow, kind);
        AddTable2Counterparts(ours, table2, kind);
        string[] notes =
        [
            .. PaperNumbers.Caveats,
            ReportDescriptions.BaseMasks(_options.BaseMasks, _options.Selector, _options.Backbone),
            $"Protocol: {protocol}; dataset mean over {_options.AggregationName}; masks compared at the ground truth's resolution.",
        ];
        IReadOnlyList<ComparisonRow> comparison = ComparisonTableWriter.Write(
            Path.Combine(output, "comparison.md"),
            Path.Combine(output, "comparison.csv"),
            PaperNumbers.All,
            ours,
            environment,
            notes);
        progress?.Report(StageProgress.Step("paper comparison", Steps));

        PerSequenceCsvWriter.Write(Path.Combine(output, PerSequenceFile), perSequence);
        progress?.Report(StageProgress.Step("per-sequence scores", Steps));

        RunManifest manifest = BuildManifest(started, environment, flowInfo, stamps, protocol);
        string scoring = $"{protocol}; dataset mean over {_options.AggregationName}; J and F ×100 at the ground truth's resolution.";
        var tables = new List<PageTable>
        {
            StudyPageTables.Table1(rows, paperRows, "table1.csv", $"{datasetLabel}, {flowInfo.Estimator} flow, {_options.BaseMasksLabel} base masks. {scoring}"),
        };
        if (table2 is not null)
        {
            tables.Add(StudyPageTables.Table2(table2, "table2.csv", "Fine-tuning of the 2-mask network on each sequence on its own; J ×100 with the paper's oracle channel unless the column says corner rule."));
        }

        tables.Add(StudyPageTables.Comparison(comparison, "comparison.csv", "Mean IoU (J) ×100. Published numbers only in the Paper columns, each with its source; ours name the data they were measured on."));
        tables.Add(StudyPageTables.PerSequence(perSequence, PerSequenceFile, $"Every evaluated output on every sequence. {scoring} Click a heading to sort."));
        StudyPage page = StudyPageBuilder.Build(
            $"VideoSeg study report: {datasetLabel}",
            $"{rows.Count} Table 1 configurations on {baseline.SequenceCount} sequences ({baseline.FrameCount} frames){(table2 is null ? string.Empty : ", Table 2 fine-tuning")}, measured in this run.",
            manifest,
            tables,
            figures,
            strips,
            notes,
            output);
        StudyPageWriter.Write(Path.Combine(output, StudyPageWriter.FileName), page);
        progress?.Report(StageProgress.Step("study page", Steps));

        // Last, so that it hashes every other output, the page included.
        RunManifestWriter.Write(
            Path.Combine(output, RunManifestWriter.FileName),
            manifest with { FinishedUtc = DateTimeOffset.UtcNow, OutputHashes = OutputHashes(output) });
        progress?.Report(StageProgress.Step("manifest", Steps));
    }

    private void WriteFigure7(string output, string datasetLabel, DatasetAggregate baseline, Func<string, DatasetAggregate> aggregate, List<PageFigure> figures)
    {
        var points = new List<IterationCurvePoint>();
        foreach (RefinementConfiguration configuration in _matrix.Configurations.Where(c => c.Kind == RefinementKind.Iterative))
        {
            string series = $"{configuration.Name} (α = {configuration.Alpha}, {(configuration.NormalizeWeights ? "normalised" : "paper-code")} weights, {configuration.WarpConvention}, {configuration.Propagation})";
            points.Add(new IterationCurvePoint(datasetLabel, series, 0, baseline.JMean));
            for (int k = 1; k <= configuration.Iterations; k++)
            {
                points.Add(new IterationCurvePoint(datasetLabel, series, k, aggregate(configuration.IterationOutputName(k)).JMean));
            }
        }

        if (points.Count > 0)
        {
            IterationCurvePlot.Write(
                Path.Combine(output, "figure7.png"),
                Path.Combine(output, "figure7.svg"),
                points,
                new IterationCurvePlotOptions { Title = $"Iterative warping: mean J vs iterations ({datasetLabel})" });
            CsvTableWriter.Write(
                Path.Combine(output, "figure7.csv"),
                ["dataset", "series", "iteration", "mean_j"],
                points.Select(p => (IReadOnlyList<string>)[p.Dataset, p.Series, Invariant(p.Iteration), Invariant(p.MeanJ)]));
            figures.Add(StudyPageBuilder.SvgFigure(
                output,
                "figure7",
                "Figure 7: iterative warping",
                $"Mean J over {_options.AggregationName} after each iteration of warping the previous iteration's masks, from the {_options.BaseMasksLabel} base masks (iteration 0).",
                "figure7.svg",
                ["figure7.csv", "figure7.png"]));
        }
    }

    /// <summary>The hash of every file written so far but the manifest itself.</summary>
    private static SortedDictionary<string, string> OutputHashes(string output)
    {
        var outputs = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (string file in ContentHash.ListFiles(output).Where(f => f != RunManifestWriter.FileName))
        {
            outputs[file] = ContentHash.OfFile(Path.Combine(output, file));
        }

        return outputs;
    }

    /// <summary>The run's manifest without output hashes (the page shows the rest; the final write adds them), its input hashes computed once.</summary>
    private RunManifest BuildManifest(DateTimeOffset started, EnvironmentBlock environment, FlowRunInfo flowInfo, List<StageStamp> stamps, string protocol)
    {
        return new RunManifest(
            RunManifest.CurrentSchemaVersion,
            started,
            DateTimeOffset.UtcNow,
            environment,
            new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                ["videoseg"] = _options.ProgramVersion,
                ["dotnet-runtime"] = ToolVersions.Runtime,
                ["dotnet-sdk"] = environment.SdkVersion,
                ["TorchSharp"] = _options.TorchSharpVersion,
                ["libtorch"] = flowInfo.LibTorch,
                ["ScottPlot"] = ToolVersions.Of<ScottPlot.Plot>(),
                ["CsvHelper"] = ToolVersions.Of<CsvHelper.CsvWriter>(),
            },
            new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                ["suite"] = _options.Suite,
                ["aggregation"] = _options.AggregationName,
                ["basemasks"] = _options.BaseMasksLabel,
                ["flow-estimator"] = flowInfo.Estimator,
                ["flow-resolution"] = flowInfo.Resolution,
                ["warp"] = _matrix.WarpConvention,
                ["propagation"] = _matrix.Propagation,
                ["occlusion"] = _matrix.Occlusion.ToString(),
                ["threshold"] = _matrix.Threshold.ToString(CultureInfo.InvariantCulture),
                ["configurations"] = string.Join("; ", _matrix.Configurations),
            },
            _matrix.Hash,
            new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                ["frames"] = ContentHash.OfDirectory(_layout.FramesRoot),
                ["annotations"] = ContentHash.OfDirectory(_layout.AnnotationsRoot),
                ["evaluation"] = ContentHash.OfDirectory(_options.Evaluation),
                ["refined"] = ContentHash.OfDirectory(_options.Refined),
            },
            new SortedDictionary<string, string>(StringComparer.Ordinal),
            stamps,
            $"{protocol}; J = IoU, F = DAVIS boundary F (tolerance 0.008 × diagonal); dataset mean over {_options.AggregationName}; predictions at {flowInfo.Resolution} resampled bilinearly to the ground truth's resolution and thresholded at 0.5; one foreground mask per frame from the '{_options.BaseMasks}' source ({ReportDescriptions.Selector(_options.Selector)}).");
    }

    /// <summary>Table 2, Figure 8 and Figure 9 from the finetune stage's records, where they were given; the Table 2 rows.</summary>
    private IReadOnlyList<Table2Row>? WriteFineTuning(string output, string datasetLabel, EnvironmentBlock environment, List<PageFigure> figures, IProgress<StageProgress>? progress)
    {
        IReadOnlyList<FineTuningConfiguration> configurations = _matrix.FineTuning.Configurations;
        IReadOnlyList<Table2Row>? rows = null;
        if (_options.FineTunePerSequence is not null)
        {
            IReadOnlyList<FineTuningRunRecord> records = FineTuningStore.ReadAll(_options.FineTunePerSequence);
            rows = Table2Builder.Build(records, configurations, _options.Suite, datasetLabel);
            Table2CsvWriter.Write(Path.Combine(output, "table2.csv"), rows);
            FineTuningRunRecord first = records[0];
            string protocol = string.Create(
                CultureInfo.InvariantCulture,
                $"Protocol: {first.Protocol} (the paper code's main_ssl_stv2.py): each of {records.Select(r => r.Sequence).Distinct().Count()} sequences fine-tuned on its own from the same 2-mask network for {first.Iterations} steps, J measured every {first.EvaluationPeriod} steps on the sequence's frames with a forward flow, each channel upsampled to the ground truth and thresholded at 0.5.");
            Table2MarkdownWriter.Write(Path.Combine(output, "table2.md"), rows, environment, protocol);
            progress?.Report(StageProgress.Note("Table 2"));
        }

        if (_options.FineTuneLong is not null)
        {
            IReadOnlyList<FineTuningRunRecord> records = FineTuningStore.ReadAll(_options.FineTuneLong);
            FineTuningFigures.WriteFigure8(output, records, configurations, datasetLabel);
            FineTuningConfiguration shown = configurations[0];
            FineTuningRunRecord shownRun = records.First(r => r.Configuration == shown.Name);
            string figure9 = FineTuningFigures.WriteFigure9(output, Path.Combine(_options.FineTuneLong, "snapshots"), _layout, shownRun, shown);
            figures.Add(StudyPageBuilder.SvgFigure(
                output,
                "figure8",
                "Figure 8: J while fine-tuning",
                $"The long protocol: each configuration fine-tuned for {shownRun.Iterations} steps on '{shownRun.Sequence}', J (oracle channel) measured every {shownRun.EvaluationPeriod} steps; configurations that train identically share a line.",
                "figure8.svg",
                ["figure8.csv", "figure8.png"]));
            figures.Add(StudyPageBuilder.ImageFigure(
                output,
                "figure9",
                "Figure 9: masks while fine-tuning",
                $"'{shown.Name}' on '{shownRun.Sequence}': the frame, its ground truth, then the prediction at evenly spaced steps, each captioned with J there.",
                Path.GetFileName(figure9)));
            progress?.Report(StageProgress.Note("Figures 8 and 9"));
        }

        return rows;
    }

    private static void AddTable2Counterparts(List<MeasuredFigure> ours, IReadOnlyList<Table2Row>? rows, MeasurementKind kind)
    {
        if (rows is null || rows.Count == 0)
        {
            return;
        }

        // The baseline is the same for every configuration; the first configuration is the paper's own loss.
        string configuration = rows[0].Configuration;
        foreach (Table2Row row in rows.Where(r => r.Configuration == configuration))
        {
            string sequence = row.Sequence == Table2Builder.AllSequences ? "all" : row.Sequence;
            string measuredOn = string.Create(CultureInfo.InvariantCulture, $"{row.Dataset}, {row.Sequence} ({row.Frames} frames; {row.Report} iteration)");
            foreach ((string paperRow, double value) in new[] { (PaperNumbers.Gwm2MasksRow, row.BaselineJ), (PaperNumbers.ConsistencyRow, row.ReportJ) })
            {
                PaperFigure? counterpart = PaperNumbers.Table2Figure(paperRow, sequence);
                if (counterpart is not null)
                {
                    ours.Add(new MeasuredFigure(counterpart.Artifact, counterpart.Row, counterpart.Dataset, value * 100.0, measuredOn, kind));
                }
            }
        }
    }

    private static void AddCounterpart(List<MeasuredFigure> ours, Dictionary<string, string> paperRows, List<Table1Row> rows, string? configuration, string paperRow, MeasurementKind kind)
    {
        Table1Row? row = configuration is null ? null : rows.FirstOrDefault(r => r.Configuration == configuration);
        PaperFigure? counterpart = PaperNumbers.All.FirstOrDefault(p => p.Artifact == PaperNumbers.Table1 && p.Row == paperRow);
        if (row is not null && counterpart is not null)
        {
            ours.Add(MeasuredFigure.FromTable1Row(counterpart, row, kind));
            paperRows[row.Configuration] = paperRow;
        }
    }

    /// <summary>
    /// One strip per sequence at its middle frame (frame, ground truth, base mask and every Table 1 refinement), for the
    /// study page in order of the base masks' J, worst first: the sequences where refinement has the most to show.
    /// </summary>
    private List<PageStrip> WriteStrips(SortedDictionary<string, IReadOnlyList<SequenceEvaluation>> scores, List<PerSequenceRow> perSequence, string baseName, string output, CancellationToken cancellationToken)
    {
        var strips = new List<(double BaseJ, PageStrip Strip)>();
        foreach (string name in _layout.ReadSequences())
        {
            cancellationToken.ThrowIfCancellationRequested();
            VideoSequence sequence = SequenceReader.Open(_layout, name, requireAnnotations: true, cancellationToken: cancellationToken);
            int frame = sequence.FrameStems.Count / 2;
            RgbImage image = SequenceReader.ReadFrame(sequence, frame);
            BinaryMask truth = SequenceReader.ReadMask(sequence, frame);
            var masks = new List<LabelledMask>();
            foreach (RefinementConfiguration configuration in _matrix.Configurations.Where(c => c.Table1Label is not null))
            {
                string outputName = configuration.Table1OutputName;
                BinaryMask mask = MaskFolders.Read(Path.Combine(_options.Refined, outputName, "masks"), name, [sequence.FrameStems[frame]])[0];
                mask = MaskResampler.Resample(mask, image.Width, image.Height);

                double? j = scores.TryGetValue(outputName, out IReadOnlyList<SequenceEvaluation>? evaluated)
                    ? evaluated.FirstOrDefault(s => s.Sequence == name)?.Frames.FirstOrDefault(f => f.FrameIndex == frame)?.J
                    : null;
                masks.Add(new LabelledMask(configuration.Name, mask, j));
            }

            string file = $"qualitative-{name}-{sequence.FrameStems[frame]}.png";
            QualitativeStripWriter.Write(Path.Combine(output, file), image, truth, masks);
            PerSequenceRow? baseRow = perSequence.FirstOrDefault(r => r.Configuration == baseName && r.Sequence == name);
            PerSequenceRow? best = perSequence
                .Where(r => r.Sequence == name && _matrix.Configurations.Any(c => c.Table1Label is not null && c.Kind is not (RefinementKind.Base or RefinementKind.Reference) && c.Table1OutputName == r.Configuration))
                .MaxBy(r => r.JMean);
            string summary = baseRow is null
                ? "No base-mask scores for this sequence."
                : $"Base masks: J {StudyPageTables.Points(baseRow.JMean)} over {baseRow.CountedFrames} counted frames"
                    + (best is null ? "." : $"; best Table 1 refinement: {best.Configuration}, J {StudyPageTables.Points(best.JMean)}.");
            strips.Add((baseRow?.JMean ?? double.NegativeInfinity, StudyPageBuilder.Strip(output, name, sequence.FrameStems[frame], summary, file)));
        }

        return strips.OrderBy(s => s.BaseJ).ThenBy(s => s.Strip.Sequence, StringComparer.Ordinal).Select(s => s.Strip).ToList();
    }

    private static List<PerSequenceRow> PerSequenceRows(SortedDictionary<string, IReadOnlyList<SequenceEvaluation>> scores) =>
        scores.SelectMany(entry => entry.Value.Select(s => new PerSequenceRow(
            entry.Key, s.Sequence, s.CountedFrameCount, s.J.Mean, s.J.Recall, s.J.Decay, s.F.Mean, s.F.Recall, s.F.Decay))).ToList();

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Invariant(double value) => value.ToString("F6", CultureInfo.InvariantCulture);

    private IEnumerable<KeyValuePair<string, long>> SuiteSeeds()
    {
        string manifest = Path.Combine(_layout.Root, SyntheticSuiteGenerator.ManifestFileName);
        if (File.Exists(manifest))
        {
            yield return new KeyValuePair<string, long>("synthetic-generator", SyntheticSuiteManifest.Read(manifest).Options.Seed);
        }
    }

    private static string SdkVersion()
    {
        ChildProcessResult result = ChildProcess.Run("dotnet", ["--version"]);
        return result.ExitCode == 0 && result.Stdout.Trim().Length > 0 ? result.Stdout.Trim() : "unknown";
    }
}
