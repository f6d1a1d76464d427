using System;
using System.Collections.Generic;
using System.Linq;
using VideoSeg.Core.Imaging;
using VideoSeg.Core.Pipeline;
using VideoSeg.Evaluation;

namespace VideoSeg.Cli.Benchmarks;

/// <summary>
/// J&amp;F over the DAVIS validation set's 1,376 masks (cycling the available ones), ours on one thread and in
/// parallel, beside the official Python toolkit on the same masks when it can run.
/// </summary>
public static class JandFBenchmark
{
    private const string Group = "J&F over 1,376 masks at 854×480";

    /// <summary>Scores predictions shifted by (6, 3) px against <paramref name="maskSet"/> and returns the rows.</summary>
    public static IReadOnlyList<BenchRow> Run(BenchMaskSet maskSet, DavisToolkitPeer peer, IProgress<StageProgress>? progress)
    {
        ArgumentNullException.ThrowIfNull(maskSet);
        ArgumentNullException.ThrowIfNull(peer);
        IReadOnlyList<BinaryMask> masks = maskSet.Masks;
        IReadOnlyList<BinaryMask> predictions = masks.Select(m => Shift(m, 6, 3)).ToList();
        EvaluationBenchmarkResult ours = EvaluationBenchmark.Run(predictions, masks);
        double? pythonSeconds = peer.Time(masks, predictions, EvaluationBenchmark.DavisValidationMaskCount, progress);
        string peerName = pythonSeconds is null ? string.Empty : "davis2017-evaluation (Python, 1 process)";
        double count = EvaluationBenchmark.DavisValidationMaskCount;
        var rows = new List<BenchRow>
        {
            new(Group, "VideoSeg J&F, 1 thread", "fps", count / ours.SingleThreaded.TotalSeconds, pythonSeconds is null ? null : pythonSeconds / ours.SingleThreaded.TotalSeconds, peerName, $"masks: {maskSet.Source}, predictions shifted by (6, 3) px; total {ours.SingleThreaded.TotalSeconds:F2} s"),
            new(Group, $"VideoSeg J&F, {ours.DegreeOfParallelism} threads", "fps", count / ours.Parallel.TotalSeconds, pythonSeconds is null ? null : pythonSeconds / ours.Parallel.TotalSeconds, peerName, $"total {ours.Parallel.TotalSeconds:F2} s"),
        };
        if (pythonSeconds is not null)
        {
            rows.Add(new BenchRow(Group, "davis2017-evaluation db_eval_iou + db_eval_boundary", "fps", count / pythonSeconds.Value, 1.0, peerName, $"total {pythonSeconds:F2} s, same masks"));
        }
        else
        {
            rows.Add(new BenchRow(Group, "davis2017-evaluation (not run)", "fps", double.NaN, null, string.Empty, "pass --davis-toolkit <checkout> (or VIDEOSEG_DAVIS_EVAL) with python3-opencv and python3-skimage installed"));
        }

        return rows;
    }

    private static BinaryMask Shift(BinaryMask mask, int dx, int dy)
    {
        var shifted = new BinaryMask(mask.Width, mask.Height);
        for (int y = 0; y < mask.Height; y++)
        {
            for (int x = 0; x < mask.Width; x++)
            {
                int sx = x - dx;
                int sy = y - dy;
                shifted[x, y] = sx >= 0 && sy >= 0 && sx < mask.Width && sy < mask.Height && mask[sx, sy];
            }
        }

        return shifted;
    }
}
