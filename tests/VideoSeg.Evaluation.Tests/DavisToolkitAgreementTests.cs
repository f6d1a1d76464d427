using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using VideoSeg.Core.Imaging;
using VideoSeg.Evaluation.Tests.Support;
using VideoSeg.TestUtilities;
using Xunit;
using Xunit.Abstractions;

namespace VideoSeg.Evaluation.Tests;

/// <summary>Per-frame and per-sequence J and F against the official Python toolkit on real DAVIS masks.</summary>
public sealed class DavisToolkitAgreementTests
{
    private const double Tolerance = 1e-4;
    private readonly ITestOutputHelper _output;

    public DavisToolkitAgreementTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [SkippableFact]
    public void CarShadowPerturbationsMatchTheToolkit()
    {
        ReferenceToolkit toolkit = ReferenceToolkit.Require();
        string truthFolder = SharedData.RequirePath(Path.Combine("davis2016-car-shadow", "Annotations", "480p", "car-shadow"));
        List<BinaryMask> truths = MaskFiles.ReadFolder(truthFolder);
        string[] stems = Directory.GetFiles(truthFolder, "*.png").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).ToArray()!;

        var perturbations = new Dictionary<string, Func<BinaryMask, int, BinaryMask>>
        {
            ["identity"] = (t, _) => t,
            ["eroded3"] = (t, _) => Masks.Erode(t, 3),
            ["dilated5"] = (t, _) => Masks.Dilate(t, 5),
            ["shifted7x4"] = (t, _) => Masks.Shift(t, 7, 4),
            ["shifted12x-9"] = (t, _) => Masks.Shift(t, 12, -9),
            ["empty"] = (t, _) => new BinaryMask(t.Width, t.Height),
            ["full"] = (t, _) => Masks.Full(t.Width, t.Height),
            ["mixed"] = (t, i) => (i % 4) switch
            {
                0 => new BinaryMask(t.Width, t.Height),
                1 => Masks.Shift(t, -20, 6),
                2 => Masks.RandomBlobs(t.Width, t.Height, i, 3),
                _ => Masks.Erode(Masks.Dilate(t, 6), 2),
            },
        };

        using var temp = new TempDirectory();
        var folders = new Dictionary<string, string>();
        var predictions = new Dictionary<string, List<BinaryMask>>();
        foreach ((string name, Func<BinaryMask, int, BinaryMask> perturb) in perturbations)
        {
            string folder = temp.Combine(name);
            Directory.CreateDirectory(folder);
            predictions[name] = truths.Select((t, i) => perturb(t, i)).ToList();
            for (int i = 0; i < truths.Count; i++)
            {
                MaskFiles.WritePgm(Path.Combine(folder, stems[i] + ".pgm"), predictions[name][i]);
            }

            folders[name] = folder;
        }

        using JsonDocument reference = toolkit.Score(truthFolder, folders, temp.Combine("reference.json"));
        JsonElement results = reference.RootElement.GetProperty("predictions");
        double maxFrameJ = 0, maxFrameF = 0, maxStatistic = 0;
        foreach (string name in perturbations.Keys)
        {
            JsonElement expected = results.GetProperty(name);
            JsonElement[] frames = expected.GetProperty("frames").EnumerateArray().ToArray();
            Assert.Equal(truths.Count, frames.Length);

            foreach (FrameProtocol protocol in new[] { FrameProtocol.All, FrameProtocol.SkipFirstAndLast })
            {
                SequenceEvaluation actual = SequenceEvaluator.Evaluate("car-shadow", predictions[name], truths, new EvaluationOptions { Protocol = protocol });
                for (int i = 0; i < frames.Length; i++)
                {
                    double dj = Math.Abs(frames[i].GetProperty("J").GetDouble() - actual.Frames[i].J);
                    double df = Math.Abs(frames[i].GetProperty("F").GetDouble() - actual.Frames[i].F);
                    maxFrameJ = Math.Max(maxFrameJ, dj);
                    maxFrameF = Math.Max(maxFrameF, df);
                    Assert.True(dj <= Tolerance, $"{name} frame {stems[i]}: J {actual.Frames[i].J} vs toolkit {frames[i].GetProperty("J").GetDouble()}");
                    Assert.True(df <= Tolerance, $"{name} frame {stems[i]}: F {actual.Frames[i].F} vs toolkit {frames[i].GetProperty("F").GetDouble()}");
                }

                JsonElement stats = expected.GetProperty("stats").GetProperty(protocol.ToString());
                foreach ((string measure, MetricStatistics statistics) in new[] { ("J", actual.J), ("F", actual.F) })
                {
                    double[] toolkitValues = stats.GetProperty(measure).EnumerateArray().Select(v => v.GetDouble()).ToArray();
                    double[] ours = [statistics.Mean, statistics.Recall, statistics.Decay];
                    for (int k = 0; k < 3; k++)
                    {
                        double difference = Math.Abs(toolkitValues[k] - ours[k]);
                        maxStatistic = Math.Max(maxStatistic, difference);
                        Assert.True(difference <= Tolerance, $"{name} {protocol} {measure} statistic {k}: {ours[k]} vs toolkit {toolkitValues[k]}");
                    }
                }

                _output.WriteLine($"{name,-14} {protocol,-16} J {actual.J.Mean:F6} F {actual.F.Mean:F6}");
            }
        }

        _output.WriteLine($"max |ΔJ| per frame {maxFrameJ:E3}, max |ΔF| per frame {maxFrameF:E3}, max |Δstatistic| {maxStatistic:E3}");
    }
}
