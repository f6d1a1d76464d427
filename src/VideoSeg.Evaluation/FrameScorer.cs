using System;
using System.Runtime.CompilerServices;
using VideoSeg.Core;
using VideoSeg.Core.Imaging;

namespace VideoSeg.Evaluation;

/// <summary>
/// Scores one prediction against one ground truth, reusing its packed buffers between calls; one
/// instance per thread.
/// </summary>
internal sealed class FrameScorer
{
    [ThreadStatic]
    private static FrameScorer? t_shared;

    private PackedMask? _prediction;
    private PackedMask? _truth;
    private PackedMask? _predictionBoundary;
    private PackedMask? _truthBoundary;
    private DiskMatcher? _matcher;

    /// <summary>A scorer private to the calling thread.</summary>
    public static FrameScorer ForCurrentThread => t_shared ??= new FrameScorer();

    public double Jaccard(BinaryMask prediction, BinaryMask truth)
    {
        Load(prediction, truth);
        return JaccardOfLoaded();
    }

    public double Boundary(BinaryMask prediction, BinaryMask truth, double boundThreshold)
    {
        Load(prediction, truth);
        return BoundaryOfLoaded(BoundaryMeasure.Radius(truth.Width, truth.Height, boundThreshold));
    }

    public (double J, double F) Both(BinaryMask prediction, BinaryMask truth, double boundThreshold)
    {
        Load(prediction, truth);
        return (JaccardOfLoaded(), BoundaryOfLoaded(BoundaryMeasure.Radius(truth.Width, truth.Height, boundThreshold)));
    }

    private void Load(BinaryMask prediction, BinaryMask truth)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(truth);
        if (prediction.Width != truth.Width || prediction.Height != truth.Height)
        {
            throw new VideoSegException(
                ErrorCodes.SizeMismatch,
                $"prediction is {prediction.Width}×{prediction.Height} but ground truth is {truth.Width}×{truth.Height}; expected equal sizes");
        }

        if (_prediction is null || _prediction.Width != truth.Width || _prediction.Height != truth.Height)
        {
            _prediction = new PackedMask(truth.Width, truth.Height);
            _truth = new PackedMask(truth.Width, truth.Height);
            _predictionBoundary = new PackedMask(truth.Width, truth.Height);
            _truthBoundary = new PackedMask(truth.Width, truth.Height);
        }

        _prediction.Load(prediction);
        _truth!.Load(truth);
    }

    /// <summary>db_eval_iou: |S∩G| / |S∪G|, and 1 when the union is empty.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double JaccardOfLoaded()
    {
        ReadOnlySpan<ulong> s = _prediction!.Words;
        ReadOnlySpan<ulong> g = _truth!.Words;
        long intersection = 0;
        long union = 0;
        for (int i = 0; i < s.Length; i++)
        {
            intersection += System.Numerics.BitOperations.PopCount(s[i] & g[i]);
            union += System.Numerics.BitOperations.PopCount(s[i] | g[i]);
        }

        return union == 0 ? 1.0 : intersection / (double)union;
    }

    /// <summary>f_measure with its rules for empty boundaries.</summary>
    private double BoundaryOfLoaded(int radius)
    {
        BoundaryExtraction.Extract(_prediction!, _predictionBoundary!);
        BoundaryExtraction.Extract(_truth!, _truthBoundary!);
        if (_matcher is null || _matcher.Radius != radius)
        {
            _matcher = new DiskMatcher(radius);
        }

        long predictionCount = _predictionBoundary!.CountBits();
        long truthCount = _truthBoundary!.CountBits();
        double precision;
        double recall;
        if (predictionCount == 0 && truthCount > 0)
        {
            precision = 1;
            recall = 0;
        }
        else if (predictionCount > 0 && truthCount == 0)
        {
            precision = 0;
            recall = 1;
        }
        else if (predictionCount == 0 && truthCount == 0)
        {
            precision = 1;
            recall = 1;
        }
        else
        {
            precision = _matcher.CountMatched(_predictionBoundary, _truthBoundary) / (double)predictionCount;
            recall = _matcher.CountMatched(_truthBoundary, _predictionBoundary) / (double)truthCount;
        }

        // Same operation order as the toolkit: 2 * precision * recall / (precision + recall).
        return precision + recall == 0 ? 0.0 : 2 * precision * recall / (precision + recall);
    }
}
