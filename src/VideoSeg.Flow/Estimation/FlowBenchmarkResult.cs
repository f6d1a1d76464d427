using System.Collections.Generic;

namespace VideoSeg.Flow.Estimation;

/// <summary>The outcome of running a flow estimator over a benchmark folder.</summary>
/// <param name="Estimator">The estimator's <see cref="IFlowEstimator.Name"/>.</param>
/// <param name="Pairs">Per-pair accuracy, in name order.</param>
/// <param name="MeanEndPointError">The mean over pairs of the per-pair mean end-point error, in pixels.</param>
/// <param name="SecondsPerPair">Wall-clock time of the estimator call alone (no file reading), divided by the number of pairs.</param>
public sealed record FlowBenchmarkResult(string Estimator, IReadOnlyList<FlowBenchmarkPair> Pairs, double MeanEndPointError, double SecondsPerPair);
