using System;
using System.Diagnostics;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using VideoSeg.Core.IO;
using VideoSeg.Core.Pipeline;
using VideoSeg.Models.Network;
using VideoSeg.Models.Onnx;

namespace VideoSeg.Models.Training;

/// <summary>
/// The train stage: trains a GWM-style segmentation network with GWM's flow-reconstruction loss on a suite and
/// its cached flows, as an incremental stage: the finished model (<c>checkpoint_NNNNNNN.pth</c>, which PyTorch
/// reads, the <c>.vsckpt</c> with the optimizer state, <c>loss.csv</c> and <c>training.json</c>) lands in the
/// output with a content-hash stamp, so an unchanged rerun trains nothing. Checkpoints accumulate in
/// <c>&lt;out&gt;.training/</c> under a key of the data and options (<see cref="ResumeKeyFileName"/>); an
/// interrupted run resumes from the latest complete one, and checkpoints of other data or options, or of a longer
/// interrupted run, are discarded. The working folder is deleted only when it carries that key.
/// </summary>
public sealed class TrainingStage
{
    /// <summary>The stage's name in stamps and logs.</summary>
    public const string Name = "train";

    /// <summary>The working folder beside the output where checkpoints accumulate until training is complete.</summary>
    public const string WorkingSuffix = ".training";

    /// <summary>The file in the working folder that names the data and options its checkpoints belong to.</summary>
    public const string ResumeKeyFileName = ResumeFolder.KeyFileName;

    /// <summary>The summary written beside the final checkpoint.</summary>
    public const string SummaryFileName = "training.json";

    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };
    private readonly TrainingStageOptions _options;
    private readonly DatasetLayout _layout;
    private readonly ResNet18Package? _resNet18;
    private readonly string _backboneDescription;

    /// <summary>Creates the stage.</summary>
    /// <exception cref="Core.VideoSegException">A training option out of range (<see cref="GwmTrainingOptions.Validate"/>).</exception>
    public TrainingStage(TrainingStageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Training);
        options.Training.Validate();
        _options = options;

        // Located once, before any work: a missing package is one error up front, and its hash keys the stamp.
        _resNet18 = options.Training.Network.Backbone == GwmBackboneKind.ResNet18 ? ResNet18Package.Locate() : null;
        _backboneDescription = _resNet18 is null
            ? GwmBackboneNames.Label(options.Training.Network.Backbone)
            : $"{ResNet18Package.Description} ({_resNet18.ComputeHash()})";
        _layout = new DatasetLayout(options.Dataset);
        WorkingDirectory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.Output)) + WorkingSuffix;
    }

    /// <summary>Where checkpoints accumulate until the model is complete (<c>&lt;out&gt;.training</c>).</summary>
    public string WorkingDirectory { get; }

    /// <summary>The incremental stage: output, stamp, parameters (the iteration count included) and inputs.</summary>
    public IncrementalStage Describe() => DescribeResumable().WithParameter("iterations", _options.Training.Iterations);

    /// <summary>
    /// The key of the data and options the checkpoints in <see cref="WorkingDirectory"/> belong to. It leaves the
    /// iteration count out, so that a run with the same data and options but more iterations resumes from them.
    /// </summary>
    public string ComputeResumeKey() => DescribeResumable().ComputeInputHash();

    /// <summary>
    /// Trains unless the model is up to date. <paramref name="force"/> discards any checkpoints and trains from scratch.
    /// Before anything is deleted, the output and the working folder must be VideoSeg's (<see cref="OutputOwnership"/>).
    /// </summary>
    public Task<StageOutcome> RunAsync(bool force, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        IncrementalStage stage = Describe();
        string resumeKey = ComputeResumeKey();

        // Both checks come before the forced discard below, so that nothing is deleted from a folder VideoSeg did not make.
        stage.CheckOutputs();
        var working = new ResumeFolder(WorkingDirectory);
        working.CheckOwned("an earlier training run");
        if (force)
        {
            working.Delete();
        }

        return stage.RunToOutcomeAsync((folder, token) => Task.Run(() => Train(resumeKey, folder, progress, token), token), force, cancellationToken);
    }

    /// <summary>
    /// The network a train stage's folder holds, from its <see cref="SummaryFileName"/>; null when
    /// <paramref name="model"/> is not such a folder (a <c>.pth</c> file, or a folder without a summary).
    /// </summary>
    /// <exception cref="Core.VideoSegException">The summary exists but cannot be read as one.</exception>
    public static Network.GwmNetworkOptions? TrainedNetwork(string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        string path = Path.Combine(model, SummaryFileName);
        if (!Directory.Exists(model) || !File.Exists(path))
        {
            return null;
        }

        try
        {
            TrainingSummary? summary = JsonSerializer.Deserialize<TrainingSummary>(File.ReadAllText(path));
            return summary?.Options?.EffectiveNetwork
                ?? throw new Core.VideoSegException(Core.ErrorCodes.BadLayout, "the training summary has no options; rerun 'videoseg train --force'", path);
        }
        catch (JsonException ex)
        {
            throw new Core.VideoSegException(Core.ErrorCodes.BadLayout, $"not a training summary ({ex.Message}); rerun 'videoseg train --force'", path, ex);
        }
    }

    private IncrementalStage DescribeResumable() =>
        new IncrementalStage(Name, _options.Output)
            .WithCode(typeof(TrainingStage))
            .WithParameter("options", GwmTrainer.ResumeSignature(_options.Training))
            .WithParameter("backbone", _backboneDescription)
            .WithParameter("device", _options.Device.StampValue)
            .WithInput(_options.Flows)
            .WithInput(_layout.FramesRoot)
            .WithInput(_layout.SequenceListPath)
            .WithInputRoot(_layout.Root);

    private void Train(string resumeKey, string outputRoot, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        GwmTrainingOptions options = _options.Training;
        string workingRoot = WorkingDirectory;
        var working = new ResumeFolder(workingRoot);
        if (working.Prepare(resumeKey))
        {
            progress?.Report(StageProgress.Note($"the data or options changed since the checkpoints in {workingRoot} were written: training from scratch"));
        }

        var trainer = new GwmTrainer(options, _layout, _options.Flows, workingRoot, _options.Device.Resolved, _resNet18);
        if (trainer.Resume() && trainer.Iteration > options.Iterations)
        {
            // An interrupted longer run: its weights are past the iteration asked for, so they cannot be this model.
            progress?.Report(StageProgress.Note($"the checkpoints in {workingRoot} are at iteration {trainer.Iteration}, past the {options.Iterations} asked for: training from scratch"));
            trainer.Dispose();
            working.Reset(resumeKey);
            trainer = new GwmTrainer(options, _layout, _options.Flows, workingRoot, _options.Device.Resolved, _resNet18);
        }
        else if (trainer.Iteration > 0)
        {
            progress?.Report(StageProgress.Note($"resumed from iteration {trainer.Iteration} in {workingRoot}"));
        }

        using GwmTrainer owned = trainer;

        int startIteration = trainer.Iteration;
        var clock = Stopwatch.StartNew();
        TrainingResult result = trainer.Iteration >= options.Iterations
            ? new TrainingResult(trainer.Iteration, trainer.LossCurve, trainer.SaveCheckpoint(), Path.Combine(workingRoot, GwmTrainer.ExportFileName(trainer.Iteration)))
            : trainer.Train(progress is null ? null : new TrainingProgressForwarder(progress, options.Iterations), cancellationToken);

        double seconds = clock.Elapsed.TotalSeconds;
        foreach (string file in new[] { result.ExportPath, result.CheckpointPath, Path.Combine(workingRoot, GwmTrainer.LossCurveFileName) })
        {
            File.Copy(file, Path.Combine(outputRoot, Path.GetFileName(file)));
        }

        int trained = result.Iterations - startIteration;
        var summary = new TrainingSummary(
            result.Iterations,
            startIteration,
            Math.Round(seconds, 1),
            trained > 0 && seconds > 0 ? Math.Round(trained / seconds, 3) : null,
            result.LossCurve.Count > 0 ? result.LossCurve[^1].Loss : null,
            _options.Device.Resolved.type.ToString(),
            options,
            GwmBackboneNames.Label(options.Network.Backbone),
            trainer.FeatureCache is null ? null : new FeatureCacheSummary(trainer.FeatureCache.Count, trainer.FeatureCache.Bytes, trainer.FeatureCache.Hits, trainer.FeatureCache.Misses));
        AtomicFile.WriteAllText(Path.Combine(outputRoot, SummaryFileName), JsonSerializer.Serialize(summary, s_json) + "\n");

        // The model is complete and now lives in the output; the resume checkpoints are no longer needed.
        working.Delete();
        progress?.Report(StageProgress.Note($"{result.Iterations} iterations; PyTorch export {Path.Combine(outputRoot, Path.GetFileName(result.ExportPath))}"));
    }
}
