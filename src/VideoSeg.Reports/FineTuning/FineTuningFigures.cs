using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using VideoSeg.Core;
using VideoSeg.Core.Experiments;
using VideoSeg.Core.FineTuning;
using VideoSeg.Core.Imaging;
using VideoSeg.Core.Pipeline;
using VideoSeg.Data.Imaging;
using VideoSeg.Data.Sequences;
using VideoSeg.Reports.Plots;
using VideoSeg.Reports.Qualitative;
using VideoSeg.Reports.Tables;

namespace VideoSeg.Reports.FineTuning;

/// <summary>
/// The Figure 8 analogue (J against fine-tuning steps on one sequence, one line per configuration, from the long
/// protocol's records) and the Figure 9 analogue (one frame's predicted foreground at several steps beside the frame
/// and the ground truth, from the long protocol's snapshots).
/// </summary>
public static class FineTuningFigures
{
    /// <summary>The most panels of predictions Figure 9 shows.</summary>
    public const int Figure9Panels = 5;

    /// <summary>Writes <c>figure8.png</c>, <c>figure8.svg</c> and <c>figure8.csv</c> into <paramref name="output"/>.</summary>
    public static void WriteFigure8(string output, IReadOnlyList<FineTuningRunRecord> records, IReadOnlyList<FineTuningConfiguration> configurations, string datasetLabel)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(configurations);
        var points = new List<IterationCurvePoint>();
        var rows = new List<IReadOnlyList<string>>();
        var drawn = new List<(FineTuningRunRecord Run, List<string> Names)>();
        foreach (FineTuningConfiguration configuration in configurations)
        {
            FineTuningRunRecord run = Single(records, configuration.Name);

            // Configurations that trained identically (they differ only in how Table 2 reports them) share one line.
            (FineTuningRunRecord Run, List<string> Names) same = drawn.FirstOrDefault(d => d.Run.Evaluations.SequenceEqual(run.Evaluations));
            if (same.Names is not null)
            {
                same.Names.Add(configuration.Name);
            }
            else
            {
                drawn.Add((run, [configuration.Name]));
            }

            foreach (FineTuningEvaluationRow evaluation in run.Evaluations)
            {
                rows.Add([datasetLabel, run.Sequence, configuration.Name, Invariant(evaluation.Iteration), Invariant(evaluation.OracleJ), Invariant(evaluation.CornerRuleJ), Invariant(evaluation.Signals.Drift), Invariant(evaluation.Signals.MaskChange), Invariant(evaluation.Signals.ForegroundFraction)]);
            }
        }

        foreach ((FineTuningRunRecord run, List<string> names) in drawn)
        {
            // The title names the suite and the sequence, so the legend needs only the configurations.
            points.AddRange(run.Evaluations.Select(e => new IterationCurvePoint(string.Join(" = ", names), string.Empty, e.Iteration, e.OracleJ)));
        }

        string sequence = records.Count > 0 ? records[0].Sequence : string.Empty;
        IterationCurvePlot.Write(
            Path.Combine(output, "figure8.png"),
            Path.Combine(output, "figure8.svg"),
            points,
            new IterationCurvePlotOptions
            {
                // Taller than Figure 7: a legend line per configuration sits below the plot.
                Height = 640,
                Title = $"Consistency fine-tuning on {datasetLabel}, {sequence} (Figure 8 analogue)",
                XLabel = "Fine-tuning steps (0 = the 2-mask network)",
            });
        CsvTableWriter.Write(Path.Combine(output, "figure8.csv"), ["dataset", "sequence", "configuration", "iteration", "oracle_j", "corner_rule_j", "drift", "mask_change", "foreground_fraction"], rows);
    }

    /// <summary>
    /// Writes <c>figure9-&lt;sequence&gt;-&lt;stem&gt;.png</c> into <paramref name="output"/>: the frame and the ground truth at the
    /// snapshot size, then the prediction of <paramref name="configuration"/> at up to <see cref="Figure9Panels"/> evenly
    /// spaced measurements (the first and the last among them), each labelled with its step and the run's J there.
    /// </summary>
    /// <returns>The file written.</returns>
    public static string WriteFigure9(string output, string snapshotsRoot, DatasetLayout layout, FineTuningRunRecord run, FineTuningConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(configuration);
        string folder = Path.Combine(snapshotsRoot, configuration.Name);
        string[] files = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.png").Order(StringComparer.Ordinal).ToArray() : [];
        if (files.Length == 0)
        {
            throw new VideoSegException(ErrorCodes.MissingFile, $"no snapshots for '{configuration.Name}': expected <iteration>-<stem>.png files from 'videoseg finetune --protocol long'", folder);
        }

        string stem = FineTuningStore.ParseSnapshotFileName(files[0]).Stem;
        VideoSequence sequence = SequenceReader.Open(layout, run.Sequence, requireAnnotations: true);
        int frame = sequence.FrameStems.ToList().IndexOf(stem);
        if (frame < 0)
        {
            throw new VideoSegException(ErrorCodes.BadLayout, $"snapshot frame '{stem}' is not a frame of '{run.Sequence}'", files[0]);
        }

        var panels = new List<LabelledMask>();
        foreach (int index in Spread(files.Length, Figure9Panels))
        {
            int iteration = FineTuningStore.ParseSnapshotFileName(files[index]).Iteration;
            double? j = run.Evaluations.FirstOrDefault(e => e.Iteration == iteration)?.OracleJ;
            panels.Add(new LabelledMask($"step {iteration}", ImageCodec.ReadMask(files[index]), j));
        }

        BinaryMask first = panels[0].Mask;
        RgbImage image = ImageResizer.Resize(SequenceReader.ReadFrame(sequence, frame), first.Width, first.Height);
        BinaryMask truth = MaskResampler.Resample(SequenceReader.ReadMask(sequence, frame), first.Width, first.Height);
        string path = Path.Combine(output, $"figure9-{run.Sequence}-{stem}.png");
        QualitativeStripWriter.Write(path, image, truth, panels);
        return path;
    }

    /// <summary>Up to <paramref name="count"/> indices spread evenly over 0 … <paramref name="length"/> − 1, both ends included.</summary>
    public static IReadOnlyList<int> Spread(int length, int count)
    {
        if (length <= count)
        {
            return Enumerable.Range(0, length).ToArray();
        }

        return Enumerable.Range(0, count).Select(i => (int)Math.Round(i * (length - 1) / (double)(count - 1), MidpointRounding.AwayFromZero)).Distinct().ToArray();
    }

    private static FineTuningRunRecord Single(IReadOnlyList<FineTuningRunRecord> records, string configuration) =>
        records.FirstOrDefault(r => r.Configuration == configuration)
        ?? throw new VideoSegException(ErrorCodes.MissingFile, $"no long-protocol record for configuration '{configuration}'; rerun 'videoseg finetune --protocol long'");

    private static string Invariant(double value) => value.ToString("F6", CultureInfo.InvariantCulture);

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
