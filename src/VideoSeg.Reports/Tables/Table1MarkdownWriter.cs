using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using VideoSeg.Core.IO;
using VideoSeg.Reports.Provenance;

namespace VideoSeg.Reports.Tables;

/// <summary>
/// Writes the Table 1 analogue as GitHub Markdown: the environment block first, then one row per
/// configuration (in the order the rows are given) with mean J per dataset and ΔJ against the base
/// masks, then every row in full. J and F are shown ×100 with one decimal.
/// </summary>
public static class Table1MarkdownWriter
{
    /// <summary>Atomically writes the report to <paramref name="path"/>.</summary>
    public static void Write(string path, IReadOnlyList<Table1Row> rows, EnvironmentBlock environment) =>
        AtomicFile.WriteAllText(path, ToMarkdown(rows, environment));

    /// <summary>The report's Markdown text.</summary>
    public static string ToMarkdown(IReadOnlyList<Table1Row> rows, EnvironmentBlock environment)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(environment);
        List<string> datasets = rows.Select(r => r.Dataset).Distinct(StringComparer.Ordinal).ToList();
        List<string> configurations = rows.Select(r => r.Configuration).Distinct(StringComparer.Ordinal).ToList();
        Dictionary<(string Configuration, string Dataset), Table1Row> byKey = new();
        foreach (Table1Row row in rows)
        {
            // The first row for a key wins, as it does in the row order the caller chose.
            byKey.TryAdd((row.Configuration, row.Dataset), row);
        }

        var text = new StringBuilder();
        text.Append(environment.ToMarkdown());
        text.Append("## Table 1 analogue: mean J per refinement configuration\n\n");
        text.Append("Mean J (IoU) ×100, one decimal; ΔJ is the difference from the base masks on the same dataset, in J points.\n\n");

        var header = new List<string> { "Configuration", "Method" };
        header.AddRange(datasets.Select(d => $"J {MarkdownText.Cell(d)}"));
        header.AddRange(datasets.Select(d => $"ΔJ {MarkdownText.Cell(d)}"));
        text.Append(MarkdownText.Row([.. header]));
        text.Append(MarkdownText.Separator([.. header.Select((_, i) => i >= 2)]));
        foreach (string configuration in configurations)
        {
            Table1Row first = rows.First(r => string.Equals(r.Configuration, configuration, StringComparison.Ordinal));
            var cells = new List<string> { MarkdownText.Cell(configuration), MarkdownText.Cell(first.Method) };
            cells.AddRange(datasets.Select(d => byKey.TryGetValue((configuration, d), out Table1Row? r) ? MarkdownText.Points(r.MeanJ) : MarkdownText.Missing));
            cells.AddRange(datasets.Select(d => byKey.TryGetValue((configuration, d), out Table1Row? r) ? MarkdownText.SignedPoints(r.DeltaJ) : MarkdownText.Missing));
            text.Append(MarkdownText.Row([.. cells]));
        }

        text.Append("\n## All rows\n\n");
        text.Append("J, F, ΔJ, ΔF, J recall and J decay ×100.\n\n");
        string[] detailHeader =
        [
            "Configuration", "Method", "Dataset", "Flow source", "Base masks",
            "Sequences", "Frames", "J", "ΔJ", "F", "ΔF", "J recall", "J decay",
        ];
        text.Append(MarkdownText.Row(detailHeader));
        text.Append(MarkdownText.Separator([.. detailHeader.Select((_, i) => i >= 5)]));
        foreach (Table1Row row in rows)
        {
            text.Append(MarkdownText.Row(
                MarkdownText.Cell(row.Configuration),
                MarkdownText.Cell(row.Method),
                MarkdownText.Cell(row.Dataset),
                MarkdownText.Cell(row.FlowSource),
                MarkdownText.Cell(row.BaseMasks),
                row.Sequences.ToString(CultureInfo.InvariantCulture),
                row.Frames.ToString(CultureInfo.InvariantCulture),
                MarkdownText.Points(row.MeanJ),
                MarkdownText.SignedPoints(row.DeltaJ),
                MarkdownText.Points(row.MeanF),
                MarkdownText.SignedPoints(row.DeltaF),
                MarkdownText.Points(row.JRecall),
                MarkdownText.SignedPoints(row.JDecay)));
        }

        return text.ToString();
    }
}
