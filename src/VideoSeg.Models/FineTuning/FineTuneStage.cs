using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using VideoSeg.Core;
using VideoSeg.Core.Experiments;
using VideoSeg.Core.FineTuning;
using VideoSeg.Core.IO;
using VideoSeg.Core.Pipeline;
using VideoSeg.Data.Imaging;
using VideoSeg.Models.Checkpoints;
using VideoSeg.Models.Inference;
using VideoSeg.Models.Network;
using VideoSeg.Models.Training;

namespace VideoSeg.Models.FineTuning;

/// <summary>
/// The finetune stage (the seed paper's Sec. 4.3, 5.4 and 5.5): every fine-tuning configuration of the matrix, on every
/// chosen sequence, from the same 2-mask starting network, under one protocol. Configurations that train the same
/// way (they differ only in how Table 2 reports them) share one run. Each run's steps, measurements and the stopping
/// rule's choice land in <c>runs/&lt;configuration&gt;/&lt;sequence&gt;.json</c> (<see cref="FineTuningStore"/>), and the long
/// protocol keeps the snapshot frame's prediction at every measurement in
/// <c>snapshots/&lt;configuration&gt;/</c> (Figure 9; named by <see cref="FineTuningStore.SnapshotFileName"/>). Runs accumulate in <c>&lt;out&gt;.training/</c>
/// under a key of the inputs and options, so an interrupted stage resumes: finished runs are kept and the run in
/// progress continues from its last checkpoint.
/// </summary>
public sealed class FineTuneStage
{
    /// <summary>The stage's name in stamps and logs.</summary>
    public const string Name = "finetune";

    /// <summary>The working folder beside the output where runs accumulate until the stage is complete.</summary>
    public const string WorkingSuffix = ".training";

    /// <summary>The file in the working folder that names the inputs and options its runs belong to.</summary>
    public const string ResumeKeyFileName = ResumeFolder.KeyFileName;

    /// <summary>The summary written beside the records.</summary>
    public const string SummaryFileName = "finetune.json";

    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };

    private readonly FineTuneStageOptions _options;
    private readonly DatasetLayout _layout;
    private readonly ExperimentMatrix _matrix;
    private readonly string _checkpoint;
    private readonly IReadOnlyList<string> _sequences;

    /// <summary>Creates the stage: the options and the matrix's fine-tuning part are checked, the checkpoint and the sequences found.</summary>
    public FineTuneStage(FineTuneStageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Training);
        options.Training.Validate();
        _options = options;
        _layout = new DatasetLayout(options.Dataset);
        _matrix = ExperimentMatrix.Load(options.Matrix);
        if (_matrix.FineTuning.Configurations.Count == 0)
        {
            throw new VideoSegException(ErrorCodes.InvalidMatrix, "the matrix has no 'fineTuning' configurations; add them or skip the finetune stage", options.Matrix);
        }

        _checkpoint = ModelCheckpointLocator.Resolve(options.Model, "finetune");
        IReadOnlyList<string> listed = _layout.ReadSequences();
        _sequences = options.Sequences
            ?? (options.Protocol == FineTuningProtocol.LongRun ? listed.Take(1).ToArray() : listed.Take(options.MaxSequences ?? int.MaxValue).ToArray());
        if (options.MaxSequences is < 1)
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, $"the number of sequences must be at least 1, got {options.MaxSequences}");
        }

        string? unknown = _sequences.FirstOrDefault(s => !listed.Contains(s, StringComparer.Ordinal));
        if (unknown is not null)
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, $"sequence '{unknown}' is not in the suite; expected one of {string.Join(", ", listed)}", _layout.SequenceListPath);
        }

        if (_sequences.Count == 0 || (options.Protocol == FineTuningProtocol.LongRun && _sequences.Count != 1))
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, $"the {FineTuningProtocolNames.Name(options.Protocol)} protocol needs {(options.Protocol == FineTuningProtocol.LongRun ? "exactly one sequence" : "at least one sequence")}, got {_sequences.Count}");
        }

        WorkingDirectory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.Output)) + WorkingSuffix;
    }

    /// <summary>Where runs accumulate until the stage is complete (<c>&lt;out&gt;.training</c>).</summary>
    public string WorkingDirectory { get; }

    /// <summary>The sequences fine-tuned on, in order.</summary>
    public IReadOnlyList<string> Sequences => _sequences;

    /// <summary>The incremental stage: output, stamp, parameters and inputs.</summary>
    public IncrementalStage Describe() =>
        new IncrementalStage(Name, _options.Output)
            .WithCode(typeof(FineTuneStage))
            .WithParameter("protocol", FineTuningProtocolNames.Name(_options.Protocol))
            .WithParameter("fine-tuning", JsonSerializer.Serialize(_matrix.FineTuning))
            .WithParameter("sequences", string.Join(',', _sequences))
            .WithParameter("options", JsonSerializer.Serialize(_options.Training with { Loss = new ConsistencyLossOptions() }))
            .WithParameter("snapshot-frame", _options.SnapshotFrame)
            .WithParameter("device", _options.Device.StampValue)
            .WithInput(_options.Flows)
            .WithInput(_options.Occlusions)
            .WithInput(_checkpoint)
            .WithInput(_layout.FramesRoot)
            .WithInput(_layout.AnnotationsRoot)
            .WithInput(_layout.SequenceListPath)
            .WithInputRoot(_layout.Root)
            .WithInputRoot(_options.Model)
            .WithInputRoot(_options.Matrix);

    /// <summary>
    /// Fine-tunes unless the records are up to date. <paramref name="force"/> discards finished and partial runs. Before
    /// anything is deleted, the output and the working folder must be VideoSeg's (<see cref="OutputOwnership"/>).
    /// </summary>
    public Task<StageOutcome> RunAsync(bool force, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        IncrementalStage stage = Describe();
        string resumeKey = stage.ComputeInputHash();
        stage.CheckOutputs();
        var working = new ResumeFolder(WorkingDirectory);
        working.CheckOwned("an earlier fine-tuning run");
        if (force)
        {
            working.Delete();
        }

        return stage.RunToOutcomeAsync((folder, token) => Task.Run(() => Compute(resumeKey, folder, progress, token), token), force, cancellationToken);
    }

    /// <summary>The loss a configuration trains with under this stage's protocol.</summary>
    public ConsistencyLossOptions LossOf(FineTuningConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ConsistencyLossOptions form = configuration.Loss == ConsistencyLossForm.Corrected ? ConsistencyLossOptions.Corrected : ConsistencyLossOptions.PaperCode;
        return form with
        {
            Weight = configuration.Weight ?? FineTuningProtocolNames.DefaultWeight(_options.Protocol),
            DeviationWeight = configuration.Deviation,
            OcclusionWeighted = configuration.OcclusionWeighted,
        };
    }

    private void Compute(string resumeKey, string outputRoot, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        string workingRoot = WorkingDirectory;
        var working = new ResumeFolder(workingRoot);
        if (working.Prepare(resumeKey))
        {
            progress?.Report(StageProgress.Note($"the inputs or options changed since the runs in {workingRoot} were written: starting afresh"));
        }

        // Configurations that train identically share a run; the first one's name names it.
        List<IGrouping<ConsistencyLossOptions, FineTuningConfiguration>> trainings = _matrix.FineTuning.Configurations.GroupBy(LossOf).ToList();
        TorchSharp.torch.Device device = _options.Device.Resolved;
        FineTuningOptions baseOptions = _options.Training;
        bool anyOcclusion = trainings.Any(t => t.Key.OcclusionWeighted);
        int total = trainings.Count * _sequences.Count;
        double seconds = 0;
        int steps = 0;
        foreach (string sequence in _sequences)
        {
            FineTuningSequence? data = null;
            try
            {
                foreach (IGrouping<ConsistencyLossOptions, FineTuningConfiguration> training in trainings)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    string name = training.First().Name;
                    string unit = Path.Combine(workingRoot, name, sequence);
                    string finished = FineTuningStore.PathOf(unit, name, sequence);
                    FineTuningRunRecord? record = File.Exists(finished) ? FineTuningStore.Read(finished) : null;
                    if (record is null)
                    {
                        data ??= FineTuningSequence.Load(_layout, sequence, _options.Flows, anyOcclusion ? _options.Occlusions : null, baseOptions.InputHeight, baseOptions.InputWidth, device, cancellationToken);
                        record = Train(training.Key, name, data, unit, device, progress, cancellationToken);
                    }

                    seconds += record.Seconds;
                    steps += record.StepsTimed;
                    foreach (FineTuningConfiguration configuration in training)
                    {
                        FineTuningStore.Write(outputRoot, record with { Configuration = configuration.Name });
                        CopySnapshots(unit, Path.Combine(outputRoot, "snapshots", configuration.Name));
                    }

                    progress?.Report(StageProgress.Step(
                        string.Create(CultureInfo.InvariantCulture, $"{string.Join("+", training.Select(c => c.Name))} on {sequence}: J {100 * record.Start.OracleJ:F1} → best {100 * record.OracleBest.OracleJ:F1} at {record.OracleBest.Iteration}, final {100 * record.Final.OracleJ:F1}; stopping rule {record.Stopping.Iteration} ({record.Stopping.Reason})"),
                        total));
                }
            }
            finally
            {
                data?.Dispose();
            }
        }

        var summary = new SortedDictionary<string, object?>(StringComparer.Ordinal)
        {
            ["protocol"] = FineTuningProtocolNames.Name(_options.Protocol),
            ["checkpoint"] = Path.GetFileName(_checkpoint),
            ["sequences"] = _sequences,
            ["configurations"] = trainings.ToDictionary(t => t.First().Name, t => t.Select(c => c.Name).ToArray()),
            ["iterations"] = baseOptions.Iterations,
            ["batch"] = baseOptions.BatchSize,
            ["evaluation-period"] = baseOptions.EvaluationPeriod,
            ["learning-rate"] = baseOptions.LearningRate,
            ["seed"] = baseOptions.Seed,
            ["device"] = _options.Device.StampValue,
            ["seconds"] = Math.Round(seconds, 1),
            ["steps-per-second"] = seconds > 0 && steps > 0 ? Math.Round(steps / seconds, 3) : null,
        };
        AtomicFile.WriteAllText(Path.Combine(outputRoot, SummaryFileName), JsonSerializer.Serialize(summary, s_json) + "\n");
        working.Delete();
    }

    private FineTuningRunRecord Train(ConsistencyLossOptions loss, string name, FineTuningSequence data, string unit, TorchSharp.torch.Device device, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        FineTuningOptions options = _options.Training with { Loss = loss };
        // Our train stage records its network's sizes; a bare checkpoint is taken to be the default small network.
        GwmNetworkOptions exportOptions = TrainingStage.TrainedNetwork(_options.Model)
            ?? GwmNetworkOptions.CpuSmall with { Queries = 2, InputHeight = options.InputHeight, InputWidth = options.InputWidth };
        using GwmNetwork network = GwmSegmenter.LoadNetwork(_checkpoint, exportOptions, device);
        int snapshotFrame = _options.SnapshotFrame ?? (data.PairCount / 2);
        using var tuner = new ConsistencyFineTuner(network, data, options, unit, snapshotFrame);
        if (tuner.Resume())
        {
            progress?.Report(StageProgress.Note($"{name} on {data.Name}: resumed at step {tuner.Iteration}"));
        }

        FineTuningResult result = tuner.Run(null, cancellationToken);
        StoppingDecision stopping = StoppingRule.Choose(result.Evaluations.Select(e => e.Signals).ToList(), _matrix.FineTuning.StoppingRule);
        var record = new FineTuningRunRecord(
            name,
            data.Name,
            FineTuningProtocolNames.Name(_options.Protocol),
            result.Iterations,
            options.EvaluationPeriod,
            data.PairCount,
            result.Steps,
            result.Evaluations,
            stopping,
            Math.Round(result.Seconds, 3),
            result.StepsTimed);
        if (_options.Protocol == FineTuningProtocol.LongRun)
        {
            foreach (FineTuningSnapshot snapshot in result.Snapshots)
            {
                ImageCodec.WriteMaskPng(Path.Combine(unit, "snapshots", FineTuningStore.SnapshotFileName(snapshot.Iteration, data.Stems[snapshot.Frame])), snapshot.Foreground);
            }
        }

        // The record is written last: its presence marks a finished run.
        FineTuningStore.Write(unit, record);
        return record;
    }

    private static void CopySnapshots(string unit, string target)
    {
        string source = Path.Combine(unit, "snapshots");
        if (!Directory.Exists(source))
        {
            return;
        }

        Directory.CreateDirectory(target);
        foreach (string file in Directory.GetFiles(source, "*.png"))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        }
    }
}
