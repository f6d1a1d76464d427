using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using VideoSeg.Core;
using VideoSeg.Core.Formats;
using VideoSeg.Core.Imaging;

namespace VideoSeg.Flow.Estimation;

/// <summary>
/// Scores an estimator on FlyingChairs pairs stored as the dataset ships them:
/// <c>NNNNNNN-img0.ppm</c>, <c>NNNNNNN-img1.ppm</c> and the ground truth <c>NNNNNNN-gt.flo</c> (img0 → img1).
/// </summary>
public static class FlyingChairsBenchmark
{
    private const string FlowSuffix = "-gt.flo";

    /// <summary>
    /// Estimates every pair of <paramref name="folder"/> in one call (one batch) and compares with the ground truth.
    /// </summary>
    /// <exception cref="VideoSegException">
    /// <see cref="ErrorCodes.MissingFile"/> when the folder, or an image of a pair whose ground truth exists, is missing, or
    /// the folder holds no pair; <see cref="ErrorCodes.SizeMismatch"/> when a pair's images and flow differ in size.
    /// </exception>
    public static FlowBenchmarkResult Run(string folder, IFlowEstimator estimator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(estimator);
        if (!Directory.Exists(folder))
        {
            throw new VideoSegException(ErrorCodes.MissingFile, $"FlyingChairs folder not found: expected '{folder}' holding NNNNNNN-img0.ppm, NNNNNNN-img1.ppm and NNNNNNN-gt.flo files", folder);
        }

        List<string> names = Directory.GetFiles(folder, "*" + FlowSuffix)
            .Select(f => Path.GetFileName(f)[..^FlowSuffix.Length])
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToList();
        if (names.Count == 0)
        {
            throw new VideoSegException(ErrorCodes.MissingFile, $"'{folder}' holds no FlyingChairs pair: expected files named NNNNNNN-gt.flo beside NNNNNNN-img0.ppm and NNNNNNN-img1.ppm", folder);
        }

        var sources = new List<RgbImage>();
        var targets = new List<RgbImage>();
        var truths = new List<FlowField>();
        foreach (string name in names)
        {
            sources.Add(ReadImage(folder, name, "-img0.ppm"));
            targets.Add(ReadImage(folder, name, "-img1.ppm"));
            string flowPath = Path.Combine(folder, name + FlowSuffix);
            FlowField truth = FloFormat.Read(flowPath);
            if (truth.Width != sources[^1].Width || truth.Height != sources[^1].Height)
            {
                throw new VideoSegException(
                    ErrorCodes.SizeMismatch,
                    $"'{flowPath}' is {truth.Width}×{truth.Height} but its images are {sources[^1].Width}×{sources[^1].Height}",
                    flowPath);
            }

            truths.Add(truth);
        }

        var stopwatch = Stopwatch.StartNew();
        IReadOnlyList<FlowField> estimates = estimator.Estimate(sources, targets, cancellationToken);
        stopwatch.Stop();

        var pairs = new List<FlowBenchmarkPair>(names.Count);
        for (int i = 0; i < names.Count; i++)
        {
            pairs.Add(new FlowBenchmarkPair(names[i], EndPointError.Mean(estimates[i], truths[i])));
        }

        return new FlowBenchmarkResult(estimator.Name, pairs, pairs.Average(p => p.MeanEndPointError), stopwatch.Elapsed.TotalSeconds / names.Count);
    }

    private static RgbImage ReadImage(string folder, string name, string suffix)
    {
        string path = Path.Combine(folder, name + suffix);
        if (!File.Exists(path))
        {
            throw new VideoSegException(ErrorCodes.MissingFile, $"FlyingChairs pair '{name}' is incomplete: expected the image '{path}'", path);
        }

        return PpmFormat.Read(path);
    }
}
