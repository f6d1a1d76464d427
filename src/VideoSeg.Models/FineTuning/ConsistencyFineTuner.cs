using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using TorchSharp.Modules;
using VideoSeg.Core;
using VideoSeg.Core.FineTuning;
using VideoSeg.Core.Imaging;
using VideoSeg.Flow.Warping;
using VideoSeg.Models.Checkpoints;
using VideoSeg.Models.Foreground;
using VideoSeg.Models.Network;
using VideoSeg.Models.Training;
using static TorchSharp.torch;

namespace VideoSeg.Models.FineTuning;

/// <summary>
/// Fine-tunes a 2-mask GWM network's decoder on one sequence with the consistency loss (the seed paper's Sec. 4.3,
/// <c>main_ssl.py</c> and <c>main_ssl_stv2.py</c>). The backbone is frozen, so its features are computed once per
/// frame and the decoder runs on them; the decoder trains in training mode (dropout on) and is measured in
/// evaluation mode. J is measured before the first step, every <see cref="FineTuningOptions.EvaluationPeriod"/> steps
/// and after the last. A checkpoint (decoder and backbone weights, AdamW moments, torch's generator, every row so
/// far) is written every <see cref="FineTuningOptions.CheckpointPeriod"/> steps and when cancelled, and
/// <see cref="Resume"/> continues from it exactly as the uninterrupted run would have.
/// </summary>
public sealed class ConsistencyFineTuner : IDisposable
{
    private const string Magic = "VSEGFINETUNE2";
    private const string CheckpointPrefix = "finetune_";
    private const string CheckpointExtension = ".vsckpt";

    private readonly GwmNetwork _network;
    private readonly FineTuningSequence _data;
    private readonly FineTuningOptions _options;
    private readonly ConsistencyLoss _loss;
    private readonly CornerRuleSelector _cornerRule = new();
    private readonly AdamW _optimizer;
    private readonly Parameter[] _trainable;
    private readonly Tensor[] _features;
    private readonly Tensor _initial;
    private readonly Tensor[] _truths;
    private readonly int _snapshotFrame;
    private readonly string _signature;
    private readonly List<FineTuningStepRow> _steps = [];
    private readonly List<FineTuningEvaluationRow> _evaluations = [];
    private readonly List<FineTuningSnapshot> _snapshots = [];
    private int _iteration;
    private int _savedIteration = -1;

    /// <summary>
    /// Seeds torch, freezes <paramref name="network"/>'s backbone, caches its features of every frame of
    /// <paramref name="data"/>, records the starting model's foreground maps and builds AdamW over the decoder.
    /// The caller keeps ownership of the network and the data.
    /// </summary>
    /// <param name="network">A network with K = 2, at the data's input size.</param>
    /// <param name="data">The sequence.</param>
    /// <param name="options">The run's settings; validated.</param>
    /// <param name="outputDirectory">Where checkpoints go; created if absent.</param>
    /// <param name="snapshotFrame">The frame whose foreground is kept at every evaluation (Figure 9); clamped to the frames measured.</param>
    public ConsistencyFineTuner(GwmNetwork network, FineTuningSequence data, FineTuningOptions options, string outputDirectory, int snapshotFrame)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(outputDirectory);
        options.Validate();
        if (network.Options.Queries != 2)
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, $"consistency fine-tuning needs a network with 2 masks (GWM with 2 object queries), got K = {network.Options.Queries}");
        }

        if (data.Frames.shape[2] != options.InputHeight || data.Frames.shape[3] != options.InputWidth)
        {
            throw new VideoSegException(ErrorCodes.SizeMismatch, $"the sequence's frames are {data.Frames.shape[3]}x{data.Frames.shape[2]} but the options ask for {options.InputWidth}x{options.InputHeight}");
        }

        _network = network;
        _data = data;
        _options = options;
        _loss = new ConsistencyLoss(options.Loss);
        OutputDirectory = outputDirectory;
        Directory.CreateDirectory(outputDirectory);
        _snapshotFrame = Math.Clamp(snapshotFrame, 0, data.PairCount - 1);
        _signature = JsonSerializer.Serialize(new { options = options with { Iterations = 0, CheckpointPeriod = 1 }, sequence = data.Name, frames = data.FrameCount, snapshot = _snapshotFrame });

        manual_seed(options.Seed);
        foreach (Parameter parameter in network.Backbone.parameters())
        {
            parameter.requires_grad = false;
        }

        Device device = network.parameters().First().device;
        _features = CacheFeatures(network, data.Frames, options.BatchSize);
        _truths = data.Truths.Select(t => FlowTensors.FromMasks([t], device)[0, 0].DetachFromDisposeScope()).ToArray();
        using (var scope = NewDisposeScope())
        {
            _initial = Foreground(PredictAll()).MoveToOuterDisposeScope();
        }

        WeightDecayGroups groups = WeightDecayGrouping.Split(network);
        _trainable = groups.All();
        _optimizer = groups.CreateAdamW(new GwmTrainingOptions { BaseLearningRate = options.LearningRate, WeightDecay = options.WeightDecay });
    }

    /// <summary>Where checkpoints go.</summary>
    public string OutputDirectory { get; }

    /// <summary>Steps done so far.</summary>
    public int Iteration => _iteration;

    /// <summary>The decoder's parameters, the only ones that train.</summary>
    public IReadOnlyList<Parameter> Trainable => _trainable;

    /// <summary>The newest checkpoint in <paramref name="directory"/>, or null.</summary>
    public static string? LatestCheckpoint(string directory) => ResumeCheckpointFile.Latest(directory, CheckpointPrefix + "*" + CheckpointExtension);

    /// <summary>
    /// Continues from the newest checkpoint in the output folder; false when there is none. A checkpoint of other
    /// options or another sequence, or a damaged one, is one <see cref="VideoSegException"/> naming it.
    /// </summary>
    public bool Resume()
    {
        string? path = LatestCheckpoint(OutputDirectory);
        if (path is null)
        {
            return false;
        }

        var steps = new List<FineTuningStepRow>();
        var evaluations = new List<FineTuningEvaluationRow>();
        var snapshots = new List<FineTuningSnapshot>();
        int iteration = ResumeCheckpointFile.Read(
            path,
            Magic,
            _signature,
            "fine-tuning checkpoint",
            "this checkpoint was written for other fine-tuning options or another sequence; resume needs the same ones",
            (reader, at) => ReadRows(reader, at, path, steps, evaluations, snapshots),
            _network.CheckpointState(),
            _optimizer);

        // A finished shorter run measured its last step off the period; a longer run would not have.
        if (iteration < _options.Iterations && iteration % _options.EvaluationPeriod != 0)
        {
            evaluations.RemoveAll(e => e.Iteration == iteration);
            snapshots.RemoveAll(e => e.Iteration == iteration);
        }

        _iteration = iteration;
        _savedIteration = iteration;
        Replace(_steps, steps);
        Replace(_evaluations, evaluations);
        Replace(_snapshots, snapshots);
        return true;
    }

    /// <summary>
    /// Steps until <see cref="FineTuningOptions.Iterations"/> are done. Cancellation is checked between steps; a
    /// cancelled run writes a checkpoint of the steps done and throws <see cref="OperationCanceledException"/>.
    /// </summary>
    public FineTuningResult Run(IProgress<FineTuningEvaluationRow>? progress = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        int startIteration = _iteration;
        if (_evaluations.Count == 0)
        {
            FineTuningEvaluationRow start = Evaluate();
            progress?.Report(start);
        }

        _network.train();
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

            _steps.Add(Step());
            _iteration++;
            if (_iteration % _options.EvaluationPeriod == 0 || _iteration == _options.Iterations)
            {
                FineTuningEvaluationRow row = Evaluate();
                progress?.Report(row);
            }

            if (_iteration % _options.CheckpointPeriod == 0 || _iteration == _options.Iterations)
            {
                SaveCheckpoint();
            }
        }

        return new FineTuningResult(_data.Name, _iteration, _steps.ToArray(), _evaluations.ToArray(), _snapshots.ToArray(), clock.Elapsed.TotalSeconds, _iteration - startIteration);
    }

    /// <summary>One optimizer step on the next batch of pairs; the step's row.</summary>
    public FineTuningStepRow Step()
    {
        using var scope = NewDisposeScope();
        foreach (ParamGroup group in _optimizer.ParamGroups)
        {
            group.LearningRate = _options.LearningRate;
        }

        Tensor pairs = BatchPairs(_iteration);
        _optimizer.zero_grad();
        ConsistencyLossValue value = _loss.Compute(BuildBatch(pairs, cached: true));
        value.Total.backward();
        if (_options.GradientClipNorm > 0)
        {
            nn.utils.clip_grad_norm_(_trainable, _options.GradientClipNorm);
        }

        _optimizer.step();
        return new FineTuningStepRow(_iteration, value.Total.item<float>(), value.Consistency, value.Deviation);
    }

    /// <summary>
    /// The loss of step <paramref name="iteration"/>'s batch computed through the whole network from the frames
    /// (no cached features); for checking the cache.
    /// </summary>
    public ConsistencyLossValue LossWithoutCache(int iteration) => _loss.Compute(BuildBatch(BatchPairs(iteration), cached: false));

    /// <summary>The loss of step <paramref name="iteration"/>'s batch on the cached features.</summary>
    public ConsistencyLossValue LossWithCache(int iteration) => _loss.Compute(BuildBatch(BatchPairs(iteration), cached: true));

    /// <summary>Measures the model now (evaluation mode, no gradients) and records the row and the snapshot.</summary>
    public FineTuningEvaluationRow Evaluate()
    {
        bool wasTraining = _network.training;
        _network.eval();
        try
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            Tensor probabilities = PredictAll();
            int measured = _data.PairCount;
            double oracle = 0;
            double corner = 0;
            double foreground = 0;
            double drift = 0;
            double maskChange = 0;
            for (int f = 0; f < measured; f++)
            {
                var candidates = new ForegroundCandidates(probabilities[f], null, _truths[f]);
                double[] iou = OracleIoUSelector.Scores(candidates);
                int chosen = _cornerRule.Select(candidates);
                oracle += Math.Max(iou[0], iou[1]);
                corner += iou[chosen];
                Tensor map = probabilities[f][chosen];
                Tensor mask = map > 0.5;
                foreground += mask.to(ScalarType.Float64).mean().item<double>();
                drift += (map - _initial[f, 0]).abs().to(ScalarType.Float64).mean().item<double>();
                maskChange += 1 - MaskAgreement(mask, _initial[f, 0] > 0.5);
                if (f == _snapshotFrame)
                {
                    _snapshots.Add(new FineTuningSnapshot(_iteration, f, FlowTensors.ToMasks(map.unsqueeze(0).unsqueeze(0))[0]));
                }
            }

            int since = _evaluations.Count == 0 ? 0 : _evaluations[^1].Iteration;
            double consistency = _iteration > since ? _steps.Skip(since).Average(s => s.Consistency) : double.NaN;
            var row = new FineTuningEvaluationRow(_iteration, oracle / measured, corner / measured, new GroundTruthFreeSignals(_iteration, consistency, foreground / measured, drift / measured, maskChange / measured));
            _evaluations.Add(row);
            return row;
        }
        finally
        {
            _network.train(wasTraining);
        }
    }

    /// <summary>Writes a checkpoint of the current iteration atomically; returns its path.</summary>
    public string SaveCheckpoint()
    {
        string path = Path.Combine(OutputDirectory, CheckpointPrefix + _iteration.ToString("D7", CultureInfo.InvariantCulture) + CheckpointExtension);
        ResumeCheckpointFile.Write(path, Magic, _signature, _iteration, WriteRows, _network.CheckpointState(), _optimizer);

        // Only the newest checkpoint is needed to resume.
        foreach (string older in Directory.EnumerateFiles(OutputDirectory, CheckpointPrefix + "*" + CheckpointExtension).Where(p => p != path).ToArray())
        {
            File.Delete(older);
        }

        _savedIteration = _iteration;
        return path;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _optimizer.Dispose();
        foreach (Tensor feature in _features)
        {
            feature.Dispose();
        }

        foreach (Tensor truth in _truths)
        {
            truth.Dispose();
        }

        _initial.Dispose();
    }

    private static Tensor[] CacheFeatures(GwmNetwork network, Tensor frames, int chunk)
    {
        using var noGrad = no_grad();
        var levels = new List<List<Tensor>>();
        for (long start = 0; start < frames.shape[0]; start += chunk)
        {
            Tensor[] maps = network.ExtractFeatures(frames.narrow(0, start, Math.Min(chunk, frames.shape[0] - start)));
            for (int l = 0; l < maps.Length; l++)
            {
                if (levels.Count <= l)
                {
                    levels.Add([]);
                }

                levels[l].Add(maps[l]);
            }
        }

        return levels.Select(parts => cat(parts, 0).detach().DetachFromDisposeScope()).ToArray();
    }

    private static void ReadRows(BinaryReader reader, int iteration, string path, List<FineTuningStepRow> steps, List<FineTuningEvaluationRow> evaluations, List<FineTuningSnapshot> snapshots)
    {
        for (int i = reader.ReadInt32(); i > 0; i--)
        {
            steps.Add(new FineTuningStepRow(reader.ReadInt32(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble()));
        }

        for (int i = reader.ReadInt32(); i > 0; i--)
        {
            int at = reader.ReadInt32();
            evaluations.Add(new FineTuningEvaluationRow(at, reader.ReadDouble(), reader.ReadDouble(), new GroundTruthFreeSignals(at, reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble())));
        }

        for (int i = reader.ReadInt32(); i > 0; i--)
        {
            int at = reader.ReadInt32();
            int frame = reader.ReadInt32();
            int width = reader.ReadInt32();
            int height = reader.ReadInt32();
            snapshots.Add(new FineTuningSnapshot(at, frame, new BinaryMask(width, height, reader.ReadBytes(width * height))));
        }

        if (steps.Count != iteration || steps.Where((row, i) => row.Iteration != i).Any())
        {
            throw new VideoSegException(ErrorCodes.BadLayout, $"holds {steps.Count} step rows for iteration {iteration}", path);
        }
    }

    private void WriteRows(BinaryWriter writer)
    {
        writer.Write(_steps.Count);
        foreach (FineTuningStepRow row in _steps)
        {
            writer.Write(row.Iteration);
            writer.Write(row.Loss);
            writer.Write(row.Consistency);
            writer.Write(row.Deviation);
        }

        writer.Write(_evaluations.Count);
        foreach (FineTuningEvaluationRow row in _evaluations)
        {
            writer.Write(row.Iteration);
            writer.Write(row.OracleJ);
            writer.Write(row.CornerRuleJ);
            writer.Write(row.Signals.Consistency);
            writer.Write(row.Signals.ForegroundFraction);
            writer.Write(row.Signals.Drift);
            writer.Write(row.Signals.MaskChange);
        }

        writer.Write(_snapshots.Count);
        foreach (FineTuningSnapshot snapshot in _snapshots)
        {
            writer.Write(snapshot.Iteration);
            writer.Write(snapshot.Frame);
            writer.Write(snapshot.Foreground.Width);
            writer.Write(snapshot.Foreground.Height);
            writer.Write(snapshot.Foreground.Data);
        }
    }

    // IoU of two boolean masks; two empty masks agree completely.
    private static double MaskAgreement(Tensor a, Tensor b)
    {
        double union = (a | b).sum().item<long>();
        return union == 0 ? 1 : (a & b).sum().item<long>() / union;
    }

    private static void Replace<T>(List<T> target, List<T> source)
    {
        target.Clear();
        target.AddRange(source);
    }

    /// <summary>The pair indices of step <paramref name="iteration"/>: batches in order without the remainder, cycling.</summary>
    private Tensor BatchPairs(int iteration)
    {
        int size = Math.Min(_options.BatchSize, _data.PairCount);
        int batches = _data.PairCount / size;
        int start = iteration % batches * size;
        Device device = _data.Frames.device;
        return arange(start, start + size, dtype: ScalarType.Int64, device: device);
    }

    private ConsistencyPairBatch BuildBatch(Tensor pairs, bool cached)
    {
        Tensor second = pairs + 1;
        Tensor firstProbabilities = nn.functional.softmax(Logits(pairs, cached), 1);
        Tensor secondProbabilities = nn.functional.softmax(Logits(second, cached), 1);
        return new ConsistencyPairBatch(
            firstProbabilities,
            secondProbabilities,
            _data.Forward.index_select(0, pairs),
            _data.Backward.index_select(0, pairs),
            _data.FirstVisible?.index_select(0, pairs),
            _data.SecondVisible?.index_select(0, pairs),
            _initial.index_select(0, pairs),
            _initial.index_select(0, second));
    }

    private Tensor Logits(Tensor frames, bool cached) =>
        cached
            ? _network.Decode(_features.Select(level => level.index_select(0, frames)).ToArray(), _options.InputHeight, _options.InputWidth)
            : _network.call(_data.Frames.index_select(0, frames));

    /// <summary>The softmax of every frame, (N, 2, H, W), without gradients.</summary>
    private Tensor PredictAll()
    {
        bool wasTraining = _network.training;
        _network.eval();
        try
        {
            using var noGrad = no_grad();
            var parts = new List<Tensor>();
            for (long start = 0; start < _data.FrameCount; start += _options.BatchSize)
            {
                Tensor frames = arange(start, Math.Min(start + _options.BatchSize, _data.FrameCount), dtype: ScalarType.Int64, device: _data.Frames.device);
                parts.Add(nn.functional.softmax(Logits(frames, cached: true), 1));
            }

            return cat(parts, 0);
        }
        finally
        {
            _network.train(wasTraining);
        }
    }

    /// <summary>(N, 1, H, W): the corner rule's foreground channel of each frame's probabilities.</summary>
    private Tensor Foreground(Tensor probabilities)
    {
        var maps = new List<Tensor>();
        for (long f = 0; f < probabilities.shape[0]; f++)
        {
            int chosen = _cornerRule.Select(new ForegroundCandidates(probabilities[f]));
            maps.Add(probabilities[f].narrow(0, chosen, 1));
        }

        return stack(maps, 0);
    }
}
