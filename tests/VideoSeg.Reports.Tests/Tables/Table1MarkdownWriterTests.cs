using System;
using System.Collections.Generic;
using System.Linq;
using VideoSeg.Reports.Provenance;
using VideoSeg.Reports.Tables;
using VideoSeg.TestUtilities;
using Xunit;

namespace VideoSeg.Reports.Tests.Tables;

public sealed class Table1MarkdownWriterTests
{
    internal static EnvironmentBlock Environment() =>
        new(
            new GitInfo("0123456789abcdef0123456789abcdef01234567", false),
            "10.0.100",
            ".NET 10.0.0",
            "Linux x64",
            "0.107.0",
            "2.10.0",
            "cpu",
            new Dictionary<string, long> { ["torch"] = 7, ["gwm"] = 42 },
            "DAVIS 2016 val");

    [Fact]
    public void The_report_opens_with_the_environment_block()
    {
        string markdown = Table1MarkdownWriter.ToMarkdown(SampleRows.Table(), Environment());
        Assert.StartsWith(Environment().ToMarkdown(), markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void One_line_per_configuration_in_the_given_order_with_J_and_delta_per_dataset()
    {
        string markdown = Table1MarkdownWriter.ToMarkdown(SampleRows.Table(), Environment());
        string[] lines = markdown.Split('\n');
        int header = Array.FindIndex(lines, l => l.StartsWith("| Configuration | Method | J DAVIS 2016", StringComparison.Ordinal));
        Assert.True(header >= 0, markdown);
        Assert.Equal(
            "| Configuration | Method | J DAVIS 2016 | J synthetic, \"quoted\" | ΔJ DAVIS 2016 | ΔJ synthetic, \"quoted\" |",
            lines[header]);
        Assert.Equal("| base | GWM (base) | 79.5 | 50.0 | 0.0 | 0.0 |", lines[header + 2]);
        Assert.Equal("| initial | Initial refinement | 72.3 | — | -7.2 | — |", lines[header + 3]);
        Assert.Equal("| weighted-1 | Weighted average ±1 | 79.0 | — | -0.5 | — |", lines[header + 4]);
    }

    [Fact]
    public void The_detail_table_lists_every_row_and_escapes_pipes()
    {
        List<Table1Row> rows = SampleRows.Table().ToList();
        rows.Add(SampleRows.Row("a|b", "DAVIS 2016", 0.8));
        string markdown = Table1MarkdownWriter.ToMarkdown(rows, Environment());
        Assert.Contains("| a\\|b | method of a\\|b | DAVIS 2016 | RAFT things | GWM released | 1 | 40 | 80.0 | +0.5 | 70.0 | 0.0 | 90.0 | +1.0 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| initial | Initial refinement | DAVIS 2016 | RAFT things | GWM released | 20 | 1376 | 72.3 | -7.2 | 70.1 | -8.0 | 85.0 | -1.3 |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_puts_the_text_in_the_file()
    {
        using var temp = new TempDirectory();
        string path = temp.Combine("table1.md");
        Table1MarkdownWriter.Write(path, SampleRows.Table(), Environment());
        Assert.Equal(Table1MarkdownWriter.ToMarkdown(SampleRows.Table(), Environment()), System.IO.File.ReadAllText(path));
    }
}
