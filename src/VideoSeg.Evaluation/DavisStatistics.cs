using System;
using System.Collections.Generic;

namespace VideoSeg.Evaluation;

/// <summary>
/// davis2017-evaluation's <c>db_statistics</c>: mean, recall and decay of per-frame values.
/// </summary>
public static class DavisStatistics
{
    private const int BinCount = 4;

    /// <summary>
    /// Mean, recall (fraction above 0.5) and decay of <paramref name="values"/>. NaN values are skipped
    /// (numpy's nanmean); with no values every statistic is NaN.
    /// </summary>
    public static MetricStatistics Compute(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        double mean = NanMean(values, 0, values.Count);

        // O = nanmean(values > 0.5): the comparison yields no NaN, so every value counts.
        double recall = double.NaN;
        if (values.Count > 0)
        {
            int above = 0;
            foreach (double value in values)
            {
                if (value > 0.5)
                {
                    above++;
                }
            }

            recall = above / (double)values.Count;
        }

        if (values.Count == 0)
        {
            return new MetricStatistics(mean, recall, double.NaN);
        }

        int[] edges = DecayBinEdges(values.Count);
        double first = NanMean(values, edges[0], edges[1] + 1);
        double last = NanMean(values, edges[3], edges[4] + 1);
        return new MetricStatistics(mean, recall, first - last);
    }

    /// <summary>
    /// The five bin edges <c>(round(linspace(1, N, 5) + 1e-10) − 1).astype(uint8)</c>; bin i is the slice
    /// <c>[edges[i], edges[i+1] + 1)</c>, so neighbouring bins share a frame. The 1e-10 makes halves round
    /// up despite numpy's round-half-to-even. The uint8 cast wraps above 255, as in the toolkit, so from
    /// N = 257 frames the last bin is usually empty and the decay NaN; DAVIS sequences are far shorter.
    /// </summary>
    public static int[] DecayBinEdges(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var edges = new int[BinCount + 1];
        double step = (count - 1) / (double)BinCount;
        for (int i = 0; i <= BinCount; i++)
        {
            // numpy.linspace: start + i·step, with the end point set exactly.
            double point = i == BinCount ? count : 1 + (i * step);
            double rounded = Math.Round(point + 1e-10, MidpointRounding.ToEven) - 1;
            edges[i] = unchecked((byte)(long)rounded);
        }

        return edges;
    }

    /// <summary>numpy's nanmean over the Python slice [start, stop): NaN when the slice holds no number.</summary>
    private static double NanMean(IReadOnlyList<double> values, int start, int stop)
    {
        stop = Math.Min(stop, values.Count);
        double sum = 0;
        int count = 0;
        for (int i = start; i < stop; i++)
        {
            if (!double.IsNaN(values[i]))
            {
                sum += values[i];
                count++;
            }
        }

        return count == 0 ? double.NaN : sum / count;
    }
}
