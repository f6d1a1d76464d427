using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using VideoSeg.Core;
using VideoSeg.Core.Imaging;

namespace VideoSeg.Evaluation;

/// <summary>Scores one sequence of predicted masks against its ground truth, frames in parallel.</summary>
public static class SequenceEvaluator
{
    /// <summary>
    /// J and F for every frame, and the DAVIS statistics over the frames that
    /// <see cref="EvaluationOptions.Protocol"/> counts.
    /// </summary>
    /// <param name="sequence">The sequence name, used in messages and the result.</param>
    /// <param name="predictions">One predicted mask per frame.</param>
    /// <param name="truths">One ground-truth mask per frame, in the same order.</param>
    /// <param name="options">Protocol, tolerance, resampling; null for <see cref="EvaluationOptions.Default"/>.</param>
    /// <exception cref="VideoSegException">
    /// The counts differ, or a prediction's size differs from its ground truth's while resampling is off
    /// (<see cref="ErrorCodes.SizeMismatch"/>).
    /// </exception>
    public static SequenceEvaluation Evaluate(
        string sequence,
        IReadOnlyList<BinaryMask> predictions,
        IReadOnlyList<BinaryMask> truths,
        EvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(truths);
        options ??= EvaluationOptions.Default;
        if (predictions.Count != truths.Count)
        {
            throw new VideoSegException(
                ErrorCodes.SizeMismatch,
                $"sequence '{sequence}' has {predictions.Count} predicted masks but {truths.Count} ground-truth masks; expected one prediction per ground-truth frame");
        }

        int frameCount = truths.Count;
        var prepared = new BinaryMask[frameCount];
        int resampled = 0;
        for (int i = 0; i < frameCount; i++)
        {
            BinaryMask prediction = predictions[i] ?? throw new ArgumentException($"prediction {i} of '{sequence}' is null", nameof(predictions));
            BinaryMask truth = truths[i] ?? throw new ArgumentException($"ground truth {i} of '{sequence}' is null", nameof(truths));
            if (prediction.Width == truth.Width && prediction.Height == truth.Height)
            {
                prepared[i] = prediction;
                continue;
            }

            if (!options.AllowResampling)
            {
                throw new VideoSegException(
                    ErrorCodes.SizeMismatch,
                    $"sequence '{sequence}' frame {i}: prediction is {prediction.Width}×{prediction.Height} but ground truth is {truth.Width}×{truth.Height}; expected equal sizes (or enable resampling)");
            }

            prepared[i] = prediction;
            resampled++;
        }

        // Validate the tolerance once, before any work is spread over threads.
        if (frameCount > 0)
        {
            _ = BoundaryMeasure.Radius(truths[0].Width, truths[0].Height, options.BoundThreshold);
        }

        var j = new double[frameCount];
        var f = new double[frameCount];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.ParallelismOrDefault };
        Parallel.For(0, frameCount, parallel, i =>
        {
            BinaryMask truth = truths[i];
            BinaryMask prediction = prepared[i];
            if (prediction.Width != truth.Width || prediction.Height != truth.Height)
            {
                prediction = MaskResampler.Resample(prediction, truth.Width, truth.Height);
            }

            (j[i], f[i]) = FrameScorer.ForCurrentThread.Both(prediction, truth, options.BoundThreshold);
        });

        var frames = new FrameEvaluation[frameCount];
        var countedJ = new List<double>(frameCount);
        var countedF = new List<double>(frameCount);
        for (int i = 0; i < frameCount; i++)
        {
            bool counted = options.Protocol.IsCounted(i, frameCount);
            frames[i] = new FrameEvaluation(i, j[i], f[i], counted);
            if (counted)
            {
                countedJ.Add(j[i]);
                countedF.Add(f[i]);
            }
        }

        return new SequenceEvaluation(
            sequence,
            options.Protocol,
            frames,
            DavisStatistics.Compute(countedJ),
            DavisStatistics.Compute(countedF),
            countedJ.Count,
            resampled);
    }
}
