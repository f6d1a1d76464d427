using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using VideoSeg.Reports.FineTuning;
using VideoSeg.Reports.Paper;
using VideoSeg.Reports.Tables;

namespace VideoSeg.Reports.Html;

/// <summary>
/// The study page's tables, built from the same rows the report's CSVs are written from: each measured cell carries
/// the CSV's own text for its value, so the page and the CSVs cannot disagree, and the paper's numbers sit in
/// their own columns, labelled with where they were published.
/// </summary>
public static class StudyPageTables
{
    private const string Ours = "ours";
    private const string Paper = "paper";

    /// <summary>Table 1: one row per configuration and dataset, ΔJ and ΔF coloured by sign, the paper's J beside ours where it has one.</summary>
    /// <param name="rows">The rows <c>table1.csv</c> holds, in its order.</param>
    /// <param name="paperRows">For each configuration that the paper reports, the paper's row name (<see cref="PaperNumbers"/>); empty leaves the paper's columns out.</param>
    /// <param name="csv">The CSV's report-relative name.</param>
    /// <param name="note">The protocol sentence shown under the heading.</param>
    public static PageTable Table1(IReadOnlyList<Table1Row> rows, IReadOnlyDictionary<string, string> paperRows, string csv, string note)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(paperRows);
        List<PaperFigure> published = PaperNumbers.All.Where(p => p.Artifact == PaperNumbers.Table1).ToList();
        List<string> paperDatasets = paperRows.Count == 0 ? [] : published.Select(p => p.Dataset).Distinct(StringComparer.Ordinal).ToList();
        var columns = new List<PageColumn>
        {
            new("Configuration", "The experiment matrix's configuration name.", false, Ours),
            new("Method", "The refinement in words.", false, Ours),
            new("Dataset", "The data the row was measured on.", false, Ours),
            new("Flow", "Where the optical flow came from.", false, Ours),
            new("Base masks", "Where the masks being refined came from.", false, Ours),
            new("Seqs", "Sequences scored.", true, Ours),
            new("Frames", "Frames scored.", true, Ours),
            new("J", "Mean region similarity (IoU) ×100.", true, Ours),
            new("ΔJ", "J minus the base masks' J on the same dataset, ×100.", true, Ours),
            new("F", "Mean boundary accuracy ×100.", true, Ours),
            new("ΔF", "F minus the base masks' F, ×100.", true, Ours),
            new("J recall", "Frames with J above 0.5, %.", true, Ours),
            new("J decay", "First quarter's J minus the last quarter's, ×100.", true, Ours),
        };
        columns.AddRange(paperDatasets.Select(d => new PageColumn($"Paper J ({d})", $"The seed paper's published J ×100 on {d}: {published.First(p => p.Dataset == d).Source}.", true, Paper)));

        var cells = new List<IReadOnlyList<PageCell>>();
        foreach (Table1Row row in rows)
        {
            var line = new List<PageCell>
            {
                TextCell(row.Configuration, nameof(Table1Row.Configuration)),
                TextCell(row.Method, nameof(Table1Row.Method)),
                TextCell(row.Dataset, nameof(Table1Row.Dataset)),
                TextCell(row.FlowSource, nameof(Table1Row.FlowSource)),
                TextCell(row.BaseMasks, nameof(Table1Row.BaseMasks)),
                IntegerCell(row.Sequences, nameof(Table1Row.Sequences)),
                IntegerCell(row.Frames, nameof(Table1Row.Frames)),
                PointsCell(row.MeanJ, nameof(Table1Row.MeanJ), Table1Fraction(row.MeanJ)),
                SignedCell(row.DeltaJ, nameof(Table1Row.DeltaJ), Table1Fraction(row.DeltaJ)),
                PointsCell(row.MeanF, nameof(Table1Row.MeanF), Table1Fraction(row.MeanF)),
                SignedCell(row.DeltaF, nameof(Table1Row.DeltaF), Table1Fraction(row.DeltaF)),
                PointsCell(row.JRecall, nameof(Table1Row.JRecall), Table1Fraction(row.JRecall)),
                PointsCell(row.JDecay, nameof(Table1Row.JDecay), Table1Fraction(row.JDecay)),
            };
            foreach (string dataset in paperDatasets)
            {
                PaperFigure? figure = paperRows.TryGetValue(row.Configuration, out string? paperRow)
                    ? published.FirstOrDefault(p => p.Row == paperRow && p.Dataset == dataset)
                    : null;
                line.Add(PaperCell(figure?.Value));
            }

            cells.Add(line);
        }

        return new PageTable("table1", "Table 1: refinement of the base masks", csv, note, Sortable: true, columns, cells);
    }

    /// <summary>Table 2: fine-tuning per sequence and over all, the headline J coloured by its change from the baseline, the paper's SegTrackV2 numbers in their own columns.</summary>
    public static PageTable Table2(IReadOnlyList<Table2Row> rows, string csv, string note)
    {
        ArgumentNullException.ThrowIfNull(rows);
        string[] header = Table2CsvWriter.Header;
        var columns = new List<PageColumn>
        {
            new("Configuration", "The fine-tuning configuration.", false, Ours),
            new("Sequence", "The sequence, or All: the mean over the frames of every sequence.", false, Ours),
            new("Frames", "Frames measured.", true, Ours),
            new("Baseline J", "The 2-mask starting model's J ×100 (iteration 0).", true, Ours),
            new("Headline", "How the configuration picks the iteration it reports.", false, Ours),
            new("Headline J", "J ×100 at the headline iteration, coloured by its change from the baseline.", true, Ours),
            new("Oracle-best J", "The best J ×100 over iterations, chosen with the ground truth.", true, Ours),
            new("Oracle it.", "The oracle-best iteration.", true, Ours),
            new("Stopping J", "J ×100 where the stopping rule without ground truth stopped.", true, Ours),
            new("Stop it.", "The stopping rule's iteration.", true, Ours),
            new("Stop reason", "Why the rule stopped.", false, Ours),
            new("Final J", "J ×100 at the last iteration.", true, Ours),
            new("Corner-rule J at stop", "J ×100 at the stopping iteration with the corner rule's channel: no ground truth used at all.", true, Ours),
            new("Paper baseline (SegTrackV2)", "The paper's 2-mask GWM on this SegTrackV2 sequence (Table 2).", true, Paper),
            new("Paper fine-tuned (SegTrackV2)", "The paper's consistency fine-tuning on this SegTrackV2 sequence (Table 2).", true, Paper),
        };
        var cells = new List<IReadOnlyList<PageCell>>();
        foreach (Table2Row row in rows)
        {
            IReadOnlyList<string> fields = Table2CsvWriter.Fields(row);
            string Field(string column) => fields[Array.IndexOf(header, column)];
            cells.Add(
            [
                new PageCell(row.Label, "Label", Field("Label"), row.Label, string.Empty),
                TextCell(row.Sequence, "Sequence", Field("Sequence")),
                IntegerCell(row.Frames, "Frames", Field("Frames")),
                PointsCell(row.BaselineJ, "BaselineJ", Field("BaselineJ")),
                TextCell(row.Report, "Report", Field("Report")),
                new PageCell(Points(row.ReportJ), "ReportJ", Field("ReportJ"), Field("ReportJ"), ToneOf(row.ReportJ - row.BaselineJ)),
                PointsCell(row.OracleBestJ, "OracleBestJ", Field("OracleBestJ")),
                OptionalIntegerCell(row.OracleBestIteration, "OracleBestIteration", Field("OracleBestIteration")),
                PointsCell(row.StoppingJ, "StoppingJ", Field("StoppingJ")),
                OptionalIntegerCell(row.StoppingIteration, "StoppingIteration", Field("StoppingIteration")),
                TextCell(row.StoppingReason, "StoppingReason", Field("StoppingReason")),
                PointsCell(row.FinalJ, "FinalJ", Field("FinalJ")),
                PointsCell(row.StoppingCornerJ, "StoppingCornerJ", Field("StoppingCornerJ")),
                PaperCell(row.PaperBaselineJ, "PaperBaselineJ", Field("PaperBaselineJ")),
                PaperCell(row.PaperJ, "PaperJ", Field("PaperJ")),
            ]);
        }

        return new PageTable("table2", "Table 2: consistency fine-tuning", csv, note, Sortable: true, columns, cells);
    }

    /// <summary>The published numbers beside ours, each labelled with what it was measured on.</summary>
    public static PageTable Comparison(IReadOnlyList<ComparisonRow> rows, string csv, string note)
    {
        ArgumentNullException.ThrowIfNull(rows);
        IReadOnlyList<string> header = ComparisonTableWriter.CsvColumns;
        var columns = new List<PageColumn>
        {
            new("Artifact", "The paper's table or figure.", false, Ours),
            new("Row", "What was measured.", false, Ours),
            new("Dataset (paper)", "The dataset as the paper names it.", false, Ours),
            new("Paper", "The published J ×100.", true, Paper),
            new("Paper source", "Where the published number comes from.", false, Paper),
            new("Ours (real data)", "Our J ×100 on real data.", true, Ours),
            new("Measured on", "What our real-data value was measured on.", false, Ours),
            new("Ours (synthetic suite)", "Our J ×100 on the synthetic suite: not comparable with the paper's.", true, Ours),
            new("Measured on", "What our synthetic value was measured on.", false, Ours),
        };
        var cells = new List<IReadOnlyList<PageCell>>();
        foreach (ComparisonRow row in rows)
        {
            IReadOnlyList<string> fields = ComparisonTableWriter.CsvFields(row);
            var line = new List<PageCell>(fields.Count);
            for (int i = 0; i < fields.Count; i++)
            {
                bool numeric = columns[i].Numeric;
                string text = fields[i].Length == 0 ? "—" : fields[i];
                line.Add(new PageCell(text, header[i], fields[i], numeric ? NumericSortKey(fields[i]) : fields[i], string.Empty));
            }

            cells.Add(line);
        }

        return new PageTable("comparison", "The paper's numbers and ours", csv, note, Sortable: false, columns, cells);
    }

    /// <summary>Every evaluated output on every sequence: J and F with their recall and decay, sortable.</summary>
    public static PageTable PerSequence(IReadOnlyList<PerSequenceRow> rows, string csv, string note)
    {
        ArgumentNullException.ThrowIfNull(rows);
        IReadOnlyList<string> header = PerSequenceCsvWriter.Header;
        var columns = new List<PageColumn>
        {
            new("Configuration", "The evaluated output: a configuration, or one iteration of an iterative one (name@k).", false, Ours),
            new("Sequence", "The sequence.", false, Ours),
            new("Frames", "Frames the protocol counts.", true, Ours),
            new("J", "Mean J ×100.", true, Ours),
            new("J recall", "Frames with J above 0.5, %.", true, Ours),
            new("J decay", "J's decay ×100.", true, Ours),
            new("F", "Mean F ×100.", true, Ours),
            new("F recall", "Frames with F above 0.5, %.", true, Ours),
            new("F decay", "F's decay ×100.", true, Ours),
        };
        var cells = new List<IReadOnlyList<PageCell>>();
        foreach (PerSequenceRow row in rows)
        {
            IReadOnlyList<string> fields = PerSequenceCsvWriter.Fields(row);
            cells.Add(
            [
                TextCell(row.Configuration, header[0], fields[0]),
                TextCell(row.Sequence, header[1], fields[1]),
                IntegerCell(row.CountedFrames, header[2], fields[2]),
                PointsCell(row.JMean, header[3], fields[3]),
                PointsCell(row.JRecall, header[4], fields[4]),
                PointsCell(row.JDecay, header[5], fields[5]),
                PointsCell(row.FMean, header[6], fields[6]),
                PointsCell(row.FRecall, header[7], fields[7]),
                PointsCell(row.FDecay, header[8], fields[8]),
            ]);
        }

        return new PageTable("per-sequence", "Per-sequence scores", csv, note, Sortable: true, columns, cells);
    }

    /// <summary>A fraction as points ×100 with one decimal, as every table prints J.</summary>
    internal static string Points(double fraction) =>
        double.IsFinite(fraction) ? (fraction * 100.0).ToString("F1", CultureInfo.InvariantCulture) : "n/a";

    private static string Table1Fraction(double value) => value.ToString(Table1RowMap.NumberFormat, CultureInfo.InvariantCulture);

    private static PageCell TextCell(string text, string column, string? csvValue = null) =>
        new(text.Length == 0 ? "—" : text, column, csvValue ?? text, text, string.Empty);

    private static PageCell IntegerCell(int value, string column, string? csvValue = null)
    {
        string text = value.ToString(CultureInfo.InvariantCulture);
        return new PageCell(text, column, csvValue ?? text, text, string.Empty);
    }

    private static PageCell OptionalIntegerCell(int? value, string column, string csvValue) =>
        new(value?.ToString(CultureInfo.InvariantCulture) ?? "—", column, csvValue, NumericSortKey(csvValue), string.Empty);

    private static PageCell PointsCell(double fraction, string column, string csvValue) =>
        new(Points(fraction), column, csvValue, NumericSortKey(csvValue), string.Empty);

    private static PageCell SignedCell(double fraction, string column, string csvValue)
    {
        string text = Points(Math.Abs(fraction));
        string tone = ToneOf(fraction);
        text = tone switch
        {
            "up" => "+" + text,
            "down" => "−" + text,
            _ => text,
        };
        return new PageCell(text, column, csvValue, NumericSortKey(csvValue), tone);
    }

    private static PageCell PaperCell(double? points, string? column = null, string? csvValue = null)
    {
        string text = points is double p ? p.ToString("0.0#", CultureInfo.InvariantCulture) : "—";
        return new PageCell(text, column, csvValue, points is double v ? v.ToString("R", CultureInfo.InvariantCulture) : string.Empty, string.Empty);
    }

    // A change that rounds to 0.0 points is shown, and coloured, as no change.
    private static string ToneOf(double fraction) =>
        !double.IsFinite(fraction) || Math.Abs(fraction * 100.0) < 0.05 ? string.Empty : fraction > 0 ? "up" : "down";

    private static string NumericSortKey(string csvValue) =>
        double.TryParse(csvValue, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value)
            ? csvValue
            : string.Empty;
}
