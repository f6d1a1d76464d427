using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using VideoSeg.Core.IO;
using VideoSeg.Reports.Provenance;
using VideoSeg.Reports.Tables;

namespace VideoSeg.Reports.FineTuning;

/// <summary>
/// Writes the Table 2 analogue as GitHub Markdown: the environment block, the protocol, then one row per configuration
/// and sequence with the 2-mask baseline beside the fine-tuned J at the headline iteration and at each rule, J ×100 with
/// one decimal. The paper's numbers, where there are any, stay in their own columns.
/// </summary>
public static class Table2MarkdownWriter
{
    /// <summary>Atomically writes the report to <paramref name="path"/>.</summary>
    public static void Write(string path, IReadOnlyList<Table2Row> rows, EnvironmentBlock environment, string protocol) =>
        AtomicFile.WriteAllText(path, ToMarkdown(rows, environment, protocol));

    /// <summary>The report's Markdown text.</summary>
    public static string ToMarkdown(IReadOnlyList<Table2Row> rows, EnvironmentBlock environment, string protocol)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(environment);
        var text = new StringBuilder();
        text.Append(environment.ToMarkdown());
        text.Append("## Table 2 analogue: consistency-loss fine-tuning of the 2-mask GWM network\n\n");
        text.Append(protocol).Append("\n\n");
        text.Append("J (IoU) ×100. *Baseline*: the 2-mask network before fine-tuning. *Reported*: J at the configuration's headline rule, ");
        text.Append("named beside it. *Oracle-best* picks the iteration with the ground truth (as the paper's script prints); the *stopping rule* ");
        text.Append("uses none; *corner rule* columns choose the foreground channel without the ground truth too. ");
        text.Append("\"All\" is the mean over the frames of every sequence, each sequence at its own chosen iteration.\n\n");
        bool paper = rows.Any(r => r.PaperJ is not null);
        var header = new List<string> { "Configuration", "Sequence", "Frames", "Baseline", "Reported", "Rule (iteration)", "Oracle-best (iteration)", "Stopping rule (iteration, reason)", "Final (iteration)", "Corner rule: baseline → stopping rule" };
        if (paper)
        {
            header.Add("Paper: 2-mask GWM → ours");
        }

        text.Append(MarkdownText.Row([.. header]));
        text.Append(MarkdownText.Separator([.. header.Select((_, i) => i >= 2)]));
        foreach (Table2Row row in rows)
        {
            var cells = new List<string>
            {
                MarkdownText.Cell(row.Label),
                MarkdownText.Cell(row.Sequence),
                row.Frames.ToString(CultureInfo.InvariantCulture),
                MarkdownText.Points(row.BaselineJ),
                MarkdownText.Points(row.ReportJ),
                row.ReportIteration is null ? row.Report : $"{row.Report} ({row.ReportIteration.Value.ToString(CultureInfo.InvariantCulture)})",
                At(row.OracleBestJ, row.OracleBestIteration, null),
                At(row.StoppingJ, row.StoppingIteration, row.StoppingReason),
                At(row.FinalJ, row.FinalIteration, null),
                $"{MarkdownText.Points(row.BaselineCornerJ)} → {MarkdownText.Points(row.StoppingCornerJ)}",
            };
            if (paper)
            {
                cells.Add(row.PaperJ is null ? MarkdownText.Missing : string.Create(CultureInfo.InvariantCulture, $"{row.PaperBaselineJ:F1} → {row.PaperJ:F1}"));
            }

            text.Append(MarkdownText.Row([.. cells]));
        }

        return text.ToString();
    }

    private static string At(double j, int? iteration, string? reason)
    {
        string points = MarkdownText.Points(j);
        if (iteration is null)
        {
            return points;
        }

        string at = iteration.Value.ToString(CultureInfo.InvariantCulture);
        return string.IsNullOrEmpty(reason) ? $"{points} ({at})" : $"{points} ({at}, {reason})";
    }
}
