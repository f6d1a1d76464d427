using System;
using System.Collections.Generic;
using System.Threading;
using VideoSeg.Core.Pipeline;

namespace VideoSeg.Cli.Benchmarks;

/// <summary>
/// Every benchmark of <c>videoseg bench</c> in report order: throughput at 854×480 (warping, occlusion,
/// refinements), J&amp;F, the GWM training step (beside PyTorch, and on each backbone), the consistency fine-tuning step and, unless skipped, the flow
/// estimator on FlyingChairs and RAFT's speed at 854×480 beside TV-L1's.
/// </summary>
public sealed class BenchSuite
{
    private const int Width = 854;
    private const int Height = 480;
    private readonly BenchOptions _options;

    /// <summary>Creates the suite.</summary>
    public BenchSuite(BenchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>Runs the benchmarks; a peer that cannot run is reported to <paramref name="progress"/> and left out of its rows.</summary>
    public IReadOnlyList<BenchRow> Run(IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        var rows = new List<BenchRow>();
        BenchMaskSet masks = BenchMaskSet.Load(_options.DataRoot, _options.Frames, Width, Height);
        rows.AddRange(ThroughputBenchmarks.Run(masks, _options.Repeats, _options.Device.Resolved, cancellationToken));
        rows.AddRange(JandFBenchmark.Run(masks, new DavisToolkitPeer(_options.Python, _options.DavisToolkit), progress));
        rows.AddRange(TrainingStepBenchmark.Run(_options.Repeats, _options.Device.Resolved, PyTorchStepPeer.Training(_options.Python), progress));
        rows.AddRange(BackboneTrainingStepBenchmark.Run(_options.Repeats, _options.Device.Resolved));
        rows.AddRange(FineTuningStepBenchmark.Run(_options.Repeats, _options.Device.Resolved, PyTorchStepPeer.FineTuning(_options.Python), progress));
        if (!_options.SkipFlow)
        {
            rows.AddRange(FlowEstimatorBenchmark.Run(_options.DataRoot, _options.Device.Resolved, new OpenCvFlowPeer(_options.Python), progress, cancellationToken));
            rows.AddRange(RaftBenchmark.Run(_options.DataRoot, _options.Repeats, _options.Device.Resolved, cancellationToken));
        }

        return rows;
    }
}
