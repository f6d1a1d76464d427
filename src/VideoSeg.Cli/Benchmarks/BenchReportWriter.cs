using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using TorchSharp;
using VideoSeg.Core.IO;
using VideoSeg.Core.Runtime;
using VideoSeg.Flow.Devices;
using VideoSeg.Reports.Tables;
using static TorchSharp.torch;

namespace VideoSeg.Cli.Benchmarks;

/// <summary>Writes the bench rows as <c>bench-report.csv</c> and <c>bench-report-github.md</c>.</summary>
public static class BenchReportWriter
{
    /// <summary>The CSV's file name.</summary>
    public const string CsvFileName = "bench-report.csv";

    /// <summary>The Markdown report's file name.</summary>
    public const string MarkdownFileName = "bench-report-github.md";

    /// <summary>Writes both files into <paramref name="folder"/> and returns the Markdown, which the command also prints.</summary>
    public static string Write(string folder, IReadOnlyList<BenchRow> rows, Device device)
    {
        ArgumentNullException.ThrowIfNull(rows);
        CsvTableWriter.Write(
            Path.Combine(folder, CsvFileName),
            ["group", "name", "metric", "value", "ratio", "peer", "note"],
            rows.Select(row => (IReadOnlyList<string>)
            [
                row.Group, row.Name, row.Metric, row.Value.ToString("G6", CultureInfo.InvariantCulture),
                row.Ratio?.ToString("G4", CultureInfo.InvariantCulture) ?? string.Empty, row.Peer, row.Note,
            ]));
        string markdown = Markdown(rows, device);
        AtomicFile.WriteAllText(Path.Combine(folder, MarkdownFileName), markdown);
        return markdown;
    }

    /// <summary>The Markdown report: the environment block, then one table per group in the rows' order.</summary>
    public static string Markdown(IReadOnlyList<BenchRow> rows, Device device)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var md = new StringBuilder();
        md.AppendLine("# VideoSeg benchmarks").AppendLine();
        md.AppendLine("```").AppendLine($"videoseg {ToolVersions.Of(typeof(Program))}, {ToolVersions.Runtime}, {ToolVersions.Platform}");
        md.AppendLine($"TorchSharp {ToolVersions.Of<torch.Tensor>()}, libtorch {torch.__version__}, device {FlowDevice.Describe(device)}, {Environment.ProcessorCount} logical processors").AppendLine("```").AppendLine();
        md.AppendLine("Ratios compare with the peer named in the same row, measured in the same run: for fps, it/s and pairs/s, ours ÷ peer's (a speed-up); for s/pair and px, ours ÷ peer (lower is better).").AppendLine();
        foreach (IGrouping<string, BenchRow> group in rows.GroupBy(r => r.Group))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"## {group.Key}").AppendLine();
            md.AppendLine("| Implementation | Value | Unit | Ratio | Peer | Note |").AppendLine("|---|---:|---|---:|---|---|");
            foreach (BenchRow row in group)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| {row.Name} | {row.Value:G4} | {row.Metric} | {(row.Ratio is null ? "—" : row.Ratio.Value.ToString("F2", CultureInfo.InvariantCulture) + "×")} | {row.Peer} | {row.Note} |");
            }

            md.AppendLine();
        }

        return md.ToString();
    }
}
