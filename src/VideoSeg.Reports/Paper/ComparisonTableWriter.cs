using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using VideoSeg.Core;
using VideoSeg.Core.IO;
using VideoSeg.Reports.Provenance;
using VideoSeg.Reports.Tables;

namespace VideoSeg.Reports.Paper;

/// <summary>
/// Writes the paper's published numbers next to ours, as Markdown and CSV. Each value is labelled
/// with the data it was measured on; synthetic-suite numbers have their own column, headed
/// "Ours (synthetic suite)", and can never land in the paper's column. A missing counterpart is
/// shown as "—" in Markdown and as an empty cell in CSV.
/// </summary>
public static class ComparisonTableWriter
{
    /// <summary>The CSV header, in column order.</summary>
    public static IReadOnlyList<string> CsvColumns { get; } =
    [
        "artifact", "row", "dataset", "paper", "paper_source",
        "ours_real_data", "ours_real_data_measured_on",
        "ours_synthetic_suite", "ours_synthetic_suite_measured_on",
    ];

    /// <summary>Atomically writes the comparison as Markdown (opened by the environment block) and as CSV; returns the rows written.</summary>
    /// <exception cref="VideoSegException">Two of our figures of the same kind claim the same counterpart, or a figure's measured-on label is empty.</exception>
    public static IReadOnlyList<ComparisonRow> Write(
        string markdownPath,
        string csvPath,
        IReadOnlyList<PaperFigure> paper,
        IReadOnlyList<MeasuredFigure> ours,
        EnvironmentBlock environment,
        IReadOnlyList<string>? notes = null)
    {
        IReadOnlyList<ComparisonRow> rows = Build(paper, ours);
        AtomicFile.WriteAllText(markdownPath, ToMarkdown(rows, environment, notes ?? PaperNumbers.Caveats));
        AtomicFile.WriteAllText(csvPath, ToCsv(rows));
        return rows;
    }

    /// <summary>
    /// Pairs each paper figure with our real-data and synthetic counterparts (matched on artifact,
    /// row and dataset), in the paper figures' order, followed by ours that have no paper counterpart.
    /// </summary>
    /// <exception cref="VideoSegException">Two of our figures of the same kind claim the same counterpart, or a figure's measured-on label is empty.</exception>
    public static IReadOnlyList<ComparisonRow> Build(IReadOnlyList<PaperFigure> paper, IReadOnlyList<MeasuredFigure> ours)
    {
        ArgumentNullException.ThrowIfNull(paper);
        ArgumentNullException.ThrowIfNull(ours);
        var real = new Dictionary<(string, string, string), MeasuredFigure>();
        var synthetic = new Dictionary<(string, string, string), MeasuredFigure>();
        var order = new List<(string Artifact, string Row, string Dataset)>();
        foreach (MeasuredFigure figure in ours)
        {
            if (string.IsNullOrWhiteSpace(figure.MeasuredOn))
            {
                throw new VideoSegException(
                    ErrorCodes.InvalidArgument,
                    $"our figure for {figure.Artifact} / {figure.Row} / {figure.Dataset} does not say what it was measured on");
            }

            var key = (figure.Artifact, figure.Row, figure.Dataset);
            Dictionary<(string, string, string), MeasuredFigure> target = figure.Kind == MeasurementKind.SyntheticSuite ? synthetic : real;
            if (!target.TryAdd(key, figure))
            {
                throw new VideoSegException(
                    ErrorCodes.InvalidArgument,
                    $"two {figure.Kind} figures claim the counterpart {figure.Artifact} / {figure.Row} / {figure.Dataset}");
            }

            order.Add(key);
        }

        var rows = new List<ComparisonRow>();
        var seen = new HashSet<(string, string, string)>();
        foreach (PaperFigure figure in paper)
        {
            var key = (figure.Artifact, figure.Row, figure.Dataset);
            if (seen.Add(key))
            {
                rows.Add(Combine(key, figure, real, synthetic));
            }
        }

        foreach (var key in order)
        {
            if (seen.Add(key))
            {
                rows.Add(Combine(key, null, real, synthetic));
            }
        }

        return rows;
    }

    /// <summary>The comparison as Markdown: environment block, table, then notes.</summary>
    public static string ToMarkdown(IReadOnlyList<ComparisonRow> rows, EnvironmentBlock environment, IReadOnlyList<string> notes)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(notes);
        var text = new StringBuilder();
        text.Append(environment.ToMarkdown());
        text.Append("## Published numbers and ours\n\n");
        text.Append("Mean IoU (J) ×100. \"Paper\" holds only published numbers, each with its source. ");
        text.Append("\"Ours (synthetic suite)\" numbers were measured on synthetic data: they are not paper numbers and are not comparable with them. ");
        text.Append("Every value names the data it was measured on; \"—\" marks a missing counterpart.\n\n");
        string[] header =
        [
            "Artifact", "Row", "Dataset (paper)", "Paper", "Paper source",
            "Ours (real data)", "Ours measured on", "Ours (synthetic suite)", "Synthetic suite measured on",
        ];
        text.Append(MarkdownText.Row(header));
        text.Append(MarkdownText.Separator(false, false, false, true, false, true, false, true, false));
        foreach (ComparisonRow row in rows)
        {
            text.Append(MarkdownText.Row(
                MarkdownText.Cell(row.Artifact),
                MarkdownText.Cell(row.Row),
                MarkdownText.Cell(row.Dataset),
                FormatValue(row.Paper) ?? MarkdownText.Missing,
                MarkdownText.Cell(row.PaperSource),
                FormatValue(row.OursRealData) ?? MarkdownText.Missing,
                MarkdownText.Cell(row.OursRealDataMeasuredOn),
                FormatValue(row.OursSyntheticSuite) ?? MarkdownText.Missing,
                MarkdownText.Cell(row.OursSyntheticSuiteMeasuredOn)));
        }

        if (notes.Count > 0)
        {
            text.Append("\n### Notes\n\n");
            foreach (string note in notes)
            {
                text.Append("- ").Append(note.Replace("\n", " ", StringComparison.Ordinal)).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>The comparison as CSV (invariant culture, '\n' line ends, empty cells for missing values).</summary>
    public static string ToCsv(IReadOnlyList<ComparisonRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(text, new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n" }))
        {
            foreach (string column in CsvColumns)
            {
                csv.WriteField(column);
            }

            csv.NextRecord();
            foreach (ComparisonRow row in rows)
            {
                foreach (string field in CsvFields(row))
                {
                    csv.WriteField(field);
                }

                csv.NextRecord();
            }
        }

        return text.ToString();
    }

    /// <summary>A row's fields as the CSV writes them, in <see cref="CsvColumns"/>' order; the study page shows the same strings.</summary>
    public static IReadOnlyList<string> CsvFields(ComparisonRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return
        [
            row.Artifact, row.Row, row.Dataset,
            FormatValue(row.Paper) ?? string.Empty, row.PaperSource,
            FormatValue(row.OursRealData) ?? string.Empty, row.OursRealDataMeasuredOn,
            FormatValue(row.OursSyntheticSuite) ?? string.Empty, row.OursSyntheticSuiteMeasuredOn,
        ];
    }

    private static ComparisonRow Combine(
        (string Artifact, string Row, string Dataset) key,
        PaperFigure? paper,
        Dictionary<(string, string, string), MeasuredFigure> real,
        Dictionary<(string, string, string), MeasuredFigure> synthetic)
    {
        real.TryGetValue(key, out MeasuredFigure? ourReal);
        synthetic.TryGetValue(key, out MeasuredFigure? ourSynthetic);
        return new ComparisonRow(
            key.Artifact,
            key.Row,
            key.Dataset,
            paper?.Value,
            paper?.Source ?? string.Empty,
            ourReal?.Value,
            ourReal?.MeasuredOn ?? string.Empty,
            ourSynthetic?.Value,
            ourSynthetic?.MeasuredOn ?? string.Empty);
    }

    // Two decimals at most: the paper prints one, GWM's notebooks two; trailing zeros dropped.
    private static string? FormatValue(double? value) =>
        value is double v ? (double.IsFinite(v) ? v.ToString("0.0#", CultureInfo.InvariantCulture) : "n/a") : null;
}
