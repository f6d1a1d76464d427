using System;
using System.Collections.Generic;
using System.Diagnostics;
using VideoSeg.Core;
using VideoSeg.Core.Imaging;

namespace VideoSeg.Evaluation;

/// <summary>Times J and F scoring; the CLI's bench command calls it.</summary>
public static class EvaluationBenchmark
{
    /// <summary>The DAVIS 2016 validation set's frame count, the default workload.</summary>
    public const int DavisValidationMaskCount = 1376;

    /// <summary>
    /// Scores <paramref name="maskCount"/> pairs, cycling through the given predictions and ground truths,
    /// once on one thread and once through <see cref="SequenceEvaluator"/>, after a short warm-up.
    /// </summary>
    /// <exception cref="VideoSegException">The lists are empty or of different lengths, or a pair differs in size (<see cref="ErrorCodes.SizeMismatch"/>).</exception>
    public static EvaluationBenchmarkResult Run(
        IReadOnlyList<BinaryMask> predictions,
        IReadOnlyList<BinaryMask> truths,
        int maskCount = DavisValidationMaskCount,
        EvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(truths);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maskCount);
        options ??= EvaluationOptions.Default;
        if (truths.Count == 0 || predictions.Count != truths.Count)
        {
            throw new VideoSegException(ErrorCodes.SizeMismatch, $"benchmark needs as many predictions as ground truths, at least one; got {predictions.Count} and {truths.Count}");
        }

        var cycledPredictions = new BinaryMask[maskCount];
        var cycledTruths = new BinaryMask[maskCount];
        for (int i = 0; i < maskCount; i++)
        {
            cycledPredictions[i] = predictions[i % predictions.Count];
            cycledTruths[i] = truths[i % truths.Count];
        }

        FrameScorer scorer = FrameScorer.ForCurrentThread;
        for (int i = 0; i < Math.Min(maskCount, 16); i++)
        {
            _ = scorer.Both(cycledPredictions[i], cycledTruths[i], options.BoundThreshold);
        }

        double sumJ = 0;
        double sumF = 0;
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < maskCount; i++)
        {
            (double j, double f) = scorer.Both(cycledPredictions[i], cycledTruths[i], options.BoundThreshold);
            sumJ += j;
            sumF += f;
        }

        TimeSpan singleThreaded = Stopwatch.GetElapsedTime(start);

        EvaluationOptions all = options with { Protocol = FrameProtocol.All, AllowResampling = false };
        start = Stopwatch.GetTimestamp();
        SequenceEvaluation parallel = SequenceEvaluator.Evaluate("benchmark", cycledPredictions, cycledTruths, all);
        TimeSpan parallelElapsed = Stopwatch.GetElapsedTime(start);

        if (Math.Abs(parallel.J.Mean - (sumJ / maskCount)) > 1e-9 || Math.Abs(parallel.F.Mean - (sumF / maskCount)) > 1e-9)
        {
            throw new VideoSegException(ErrorCodes.StageFailed, "the parallel and single-threaded passes disagree; the scorer is not thread-safe");
        }

        int degree = options.MaxDegreeOfParallelism ?? Environment.ProcessorCount;
        return new EvaluationBenchmarkResult(
            maskCount,
            cycledTruths[0].Width,
            cycledTruths[0].Height,
            singleThreaded,
            parallelElapsed,
            degree,
            sumJ / maskCount,
            sumF / maskCount);
    }
}
