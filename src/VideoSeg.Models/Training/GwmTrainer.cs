using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime;
using System.Text.Json;
using System.Threading;
using TorchSharp.Modules;
using VideoSeg.Core;
using VideoSeg.Core.Pipeline;
using VideoSeg.Models.Checkpoints;
using VideoSeg.Models.Loss;
using VideoSeg.Models.Network;
using VideoSeg.Models.Onnx;
using static TorchSharp.torch;

namespace VideoSeg.Models.Training;

/// <summary>
/// GWM's training loop (<c>src/main.py</c> with <c>Trainer.build_optimizer</c>): per step, the scheduled learning
/// rate is set on every AdamW group, the network predicts mask logits for a batch, the flow reconstruction loss is
/// back-propagated, all gradients are clipped together to <see cref="GwmTrainingOptions.GradientClipNorm"/> and
/// AdamW steps. Every <see cref="GwmTrainingOptions.CheckpointPeriod"/> steps (and at the end, and on cancellation)
/// it writes, atomically, a PyTorch-readable export <c>checkpoint_NNNNNNN.pth</c> (<c>{'model': state_dict,
/// 'iteration': n}</c>) and then the resume file <c>checkpoint_NNNNNNN.vsckpt</c> (model, AdamW moments, torch's
/// CPU generator state, the loss curve so far), and rewrites <c>loss.csv</c>. The sampler is replayed on resume, so
/// an interrupted run continues the uninterrupted run's stream of batches. On CUDA the dropout generator's state is
/// not saved, so there a resumed run is equivalent but not bit-identical.
/// </summary>
public sealed class GwmTrainer : IDisposable
{
    /// <summary>The loss curve's file name in the output folder.</summary>
    public const string LossCurveFileName = "loss.csv";

    private const string ResumeExtension = ".vsckpt";
    private const long NoCollectionBudgetBytes = 32L * 1024 * 1024;
    private const string ExportExtension = ".pth";
    private const string Magic = "VSEGTRAIN1";

    private readonly GwmTrainingOptions _options;
    private readonly Device _device;
    private readonly FlowPairDataset _dataset;
    private readonly FlowReconstructionLoss _loss;
    private readonly WarmupPolyLearningRate _schedule;
    private readonly AdamW _optimizer;
    private readonly Parameter[] _trainable;
    private readonly List<LossCurveRow> _curve = [];
    private readonly string _signature;
    private readonly BackboneFeatureCache? _featureCache;
    private readonly string? _backboneHash;
    private int _iteration;
    private int _savedIteration = -1;

    /// <summary>Seeds torch, builds the network, the data stream, the loss and the optimizer.</summary>
    /// <param name="options">Training settings; validated.</param>
    /// <param name="layout">The training suite.</param>
    /// <param name="flowsRoot">The folder holding <c>Flows_gap{g}</c>.</param>
    /// <param name="outputDirectory">Where checkpoints and <c>loss.csv</c> go; created if absent.</param>
    /// <param name="device">The device; CPU when null.</param>
    /// <param name="resNet18">Where the ResNet18 backbone's weights come from, for <see cref="GwmBackboneKind.ResNet18"/>; located in NuGet's global packages folder when null.</param>
    public GwmTrainer(GwmTrainingOptions options, DatasetLayout layout, string flowsRoot, string outputDirectory, Device? device = null, ResNet18Package? resNet18 = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(outputDirectory);
        options.Validate();
        _options = options;
        _device = device ?? CPU;
        OutputDirectory = outputDirectory;
        Directory.CreateDirectory(outputDirectory);
        _signature = ResumeSignature(options);

        manual_seed(options.Seed);
        Network = new GwmNetwork(options.EffectiveNetwork, _device);
        if (Network.Backbone is ResNet18Backbone resNet)
        {
            resNet18 ??= ResNet18Package.Locate();
            resNet18.LoadInto(resNet);
            _backboneHash = resNet18.ComputeHash();
            _featureCache = new BackboneFeatureCache(Network, _backboneHash);
        }

        _dataset = new FlowPairDataset(layout, flowsRoot, options.Gaps, options.BatchSize, options.InputHeight, options.InputWidth, options.Seed);
        _loss = new FlowReconstructionLoss(options.Loss);
        _schedule = options.Schedule;

        WeightDecayGroups groups = WeightDecayGrouping.Split(Network);
        _trainable = groups.All();
        _optimizer = groups.CreateAdamW(options);
    }

    /// <summary>The frozen backbone's features of the frames seen so far, or null when the backbone trains.</summary>
    public BackboneFeatureCache? FeatureCache => _featureCache;

    /// <summary>The network being trained.</summary>
    public GwmNetwork Network { get; }

    /// <summary>The options in use.</summary>
    public GwmTrainingOptions Options => _options;

    /// <summary>Where checkpoints and the loss curve go.</summary>
    public string OutputDirectory { get; }

    /// <summary>Steps completed so far.</summary>
    public int Iteration => _iteration;

    /// <summary>Every completed step's loss and learning rate, from iteration 0.</summary>
    public IReadOnlyList<LossCurveRow> LossCurve => _curve;

    /// <summary>The resume file of <paramref name="iteration"/>.</summary>
    public static string ResumeFileName(int iteration) => $"checkpoint_{iteration.ToString("D7", CultureInfo.InvariantCulture)}{ResumeExtension}";

    /// <summary>The PyTorch export of <paramref name="iteration"/>.</summary>
    public static string ExportFileName(int iteration) => $"checkpoint_{iteration.ToString("D7", CultureInfo.InvariantCulture)}{ExportExtension}";

    /// <summary>The newest resume file in <paramref name="outputDirectory"/>, or null when there is none.</summary>
    public static string? LatestCheckpoint(string outputDirectory) => ResumeCheckpointFile.Latest(outputDirectory, "checkpoint_*" + ResumeExtension);

    /// <summary>
    /// Continues from the newest checkpoint in the output folder: weights, AdamW state, generator state, loss curve,
    /// and the sampler replayed to the same point. Returns false (and changes nothing) when there is none; throws
    /// <see cref="VideoSegException"/> when it was written with different options or is corrupt.
    /// </summary>
    public bool Resume()
    {
        string? path = LatestCheckpoint(OutputDirectory);
        if (path is null)
        {
            return false;
        }

        var curve = new List<LossCurveRow>();
        int iteration = ResumeCheckpointFile.Read(
            path,
            Magic,
            _signature,
            "training checkpoint",
            "this checkpoint was written with different training options; resume needs the same options (only Iterations and the periods may change)",
            (reader, at) =>
            {
                int rows = reader.ReadInt32();
                for (int i = 0; i < rows; i++)
                {
                    curve.Add(new LossCurveRow(reader.ReadInt32(), reader.ReadDouble(), reader.ReadDouble()));
                }

                if (curve.Count != at || curve.Where((row, i) => row.Iteration != i).Any())
                {
                    throw new VideoSegException(ErrorCodes.BadLayout, $"holds {curve.Count} loss rows for iteration {at}", path);
                }
            },
            Network.CheckpointState(),
            _optimizer);
        _iteration = iteration;
        _savedIteration = iteration;
        _curve.Clear();
        _curve.AddRange(curve);
        _dataset.Skip(iteration);
        LossCurveCsv.Write(Path.Combine(OutputDirectory, LossCurveFileName), _curve);
        return true;
    }

    /// <summary>
    /// Trains until <see cref="GwmTrainingOptions.Iterations"/> steps are done. Cancellation is checked between steps;
    /// a cancelled run saves a checkpoint of the steps done and throws <see cref="OperationCanceledException"/>.
    /// </summary>
    public TrainingResult Train(IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        Network.train();
        while (_iteration < _options.Iterations)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                if (_savedIteration != _iteration)
                {
                    SaveCheckpoint();
                }

                cancellationToken.ThrowIfCancellationRequested();
            }

            double lr = _schedule.At(_iteration);
            double loss = Step(lr);
            _curve.Add(new LossCurveRow(_iteration, loss, lr));
            _iteration++;
            progress?.Report(new TrainingProgress(_iteration, _options.Iterations, loss, lr, clock.Elapsed));
            if (_iteration % _options.CheckpointPeriod == 0 || _iteration == _options.Iterations)
            {
                SaveCheckpoint();
            }
            else if (_iteration % _options.LossCurvePeriod == 0)
            {
                LossCurveCsv.Write(Path.Combine(OutputDirectory, LossCurveFileName), _curve);
            }
        }

        if (_savedIteration != _iteration)
        {
            SaveCheckpoint();
        }

        return new TrainingResult(
            _iteration,
            _curve.ToArray(),
            Path.Combine(OutputDirectory, ResumeFileName(_iteration)),
            Path.Combine(OutputDirectory, ExportFileName(_iteration)));
    }

    /// <summary>Writes the export, the resume file and the loss curve of the current iteration; returns the resume file's path.</summary>
    public string SaveCheckpoint()
    {
        string export = Path.Combine(OutputDirectory, ExportFileName(_iteration));
        string resume = Path.Combine(OutputDirectory, ResumeFileName(_iteration));
        using (var scope = NewDisposeScope())
        {
            Dictionary<string, Tensor> stateDict = Network.CheckpointState().ToDictionary(pair => pair.Key, pair => pair.Value.detach().cpu());
            var entries = new Dictionary<string, object?> { ["iteration"] = (long)_iteration };
            if (_backboneHash is not null)
            {
                entries[GwmCheckpoints.BackboneHashEntry] = _backboneHash;
            }

            PyTorchCheckpointWriter.Write(export, stateDict, entries);
        }

        // The resume file is written last: its presence marks a complete checkpoint.
        ResumeCheckpointFile.Write(
            resume,
            Magic,
            _signature,
            _iteration,
            writer =>
            {
                writer.Write(_curve.Count);
                foreach (LossCurveRow row in _curve)
                {
                    writer.Write(row.Iteration);
                    writer.Write(row.Loss);
                    writer.Write(row.LearningRate);
                }
            },
            Network.CheckpointState(),
            _optimizer);
        LossCurveCsv.Write(Path.Combine(OutputDirectory, LossCurveFileName), _curve);
        _savedIteration = _iteration;
        return resume;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _featureCache?.Dispose();
        _optimizer.Dispose();
        Network.Dispose();
    }

    /// <summary>
    /// What a checkpoint must share with the options to be resumed under them: everything but the iteration count
    /// and the checkpoint and loss-curve periods.
    /// </summary>
    public static string ResumeSignature(GwmTrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return JsonSerializer.Serialize(options with { Iterations = 0, CheckpointPeriod = 1, LossCurvePeriod = 1 });
    }

    private double Step(double learningRate)
    {
        // TorchSharp hands temporary Scalars (the alpha of every tensor addition, for one) to native code without
        // keeping them alive, so a collection during a native call can finalize one still in use: a 2,000-step run
        // once died on a c10 'toFloat' assertion inside BigPixelDecoder's addition. No collection runs inside a
        // step, whose allocations stay far below the region's budget; collections happen between steps.
        bool noCollections = false;
        try
        {
            noCollections = GC.TryStartNoGCRegion(NoCollectionBudgetBytes);
        }
        catch (ArgumentOutOfRangeException)
        {
            // The budget exceeds what this GC configuration allows: train without the guard rather than not at all.
        }

        try
        {
            return StepWithoutCollections(learningRate);
        }
        finally
        {
            if (noCollections && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
            {
                GC.EndNoGCRegion();
            }
        }
    }

    private double StepWithoutCollections(double learningRate)
    {
        using var scope = NewDisposeScope();
        foreach (ParamGroup group in _optimizer.ParamGroups)
        {
            group.LearningRate = learningRate;
        }

        using FlowPairBatch batch = _dataset.NextBatch(_device);
        _optimizer.zero_grad();
        // A frozen backbone's features never change: they are computed once per frame and then read from the cache.
        Tensor logits = _featureCache is null
            ? Network.call(batch.Images)
            : Network.Decode(_featureCache.Features(batch.Images), batch.Images.shape[2], batch.Images.shape[3]);
        Tensor loss = _loss.Compute(logits, batch.Flows);
        loss.backward();
        if (_options.GradientClipNorm > 0)
        {
            nn.utils.clip_grad_norm_(_trainable, _options.GradientClipNorm);
        }

        _optimizer.step();
        return loss.item<float>();
    }
}
