using System;
using System.IO;
using System.Linq;
using VideoSeg.Core;
using VideoSeg.Reports.Paper;
using VideoSeg.Reports.Tables;
using VideoSeg.Reports.Tests.Tables;
using VideoSeg.TestUtilities;
using Xunit;

namespace VideoSeg.Reports.Tests.Paper;

public sealed class ComparisonTableWriterTests
{
    private static PaperFigure DavisGwm => PaperNumbers.All.First(f => f.Artifact == PaperNumbers.Table1 && f.Row == PaperNumbers.GwmRow);

    private static MeasuredFigure[] Ours() =>
    [
        new(PaperNumbers.Table1, PaperNumbers.GwmRow, "DAVIS 2016", 55.55, "synthetic suite v1 (6 sequences)", MeasurementKind.SyntheticSuite),
        new(PaperNumbers.Table1, PaperNumbers.GwmRow, "DAVIS 2016", 81.25, "DAVIS 2016 val, car-shadow only", MeasurementKind.RealData),
        new("Figure 7", "After 1 iteration", "synthetic", 66.66, "synthetic suite v1 (6 sequences)", MeasurementKind.SyntheticSuite),
    ];

    [Fact]
    public void Synthetic_numbers_appear_only_in_their_own_column()
    {
        var rows = ComparisonTableWriter.Build(PaperNumbers.All, Ours());

        ComparisonRow gwm = rows[0];
        Assert.Equal(79.5, gwm.Paper);
        Assert.Equal(81.25, gwm.OursRealData);
        Assert.Equal(55.55, gwm.OursSyntheticSuite);
        Assert.Equal("synthetic suite v1 (6 sequences)", gwm.OursSyntheticSuiteMeasuredOn);

        ComparisonRow figure7 = rows[^1];
        Assert.Null(figure7.Paper);
        Assert.Equal(string.Empty, figure7.PaperSource);
        Assert.Equal(66.66, figure7.OursSyntheticSuite);
        Assert.All(rows, r => Assert.NotEqual(55.55, r.Paper));
        Assert.All(rows, r => Assert.NotEqual(66.66, r.Paper));
    }

    [Fact]
    public void The_markdown_labels_synthetic_columns_and_shows_dashes_for_missing_counterparts()
    {
        var rows = ComparisonTableWriter.Build(PaperNumbers.All, Ours());
        string markdown = ComparisonTableWriter.ToMarkdown(rows, Table1MarkdownWriterTests.Environment(), PaperNumbers.Caveats);
        string[] lines = markdown.Split('\n');

        string header = Assert.Single(lines, l => l.StartsWith("| Artifact |", StringComparison.Ordinal));
        string[] columns = Cells(header);
        int paperColumn = Array.IndexOf(columns, "Paper");
        int syntheticColumn = Array.IndexOf(columns, "Ours (synthetic suite)");
        Assert.True(paperColumn >= 0 && syntheticColumn >= 0);

        string[] gwm = Cells(lines.First(l => l.StartsWith("| Table 1 | GWM |", StringComparison.Ordinal)));
        Assert.Equal("79.5", gwm[paperColumn]);
        Assert.Equal("55.55", gwm[syntheticColumn]);
        Assert.Equal("81.25", gwm[Array.IndexOf(columns, "Ours (real data)")]);

        string[] figure7 = Cells(lines.First(l => l.StartsWith("| Figure 7 |", StringComparison.Ordinal)));
        Assert.Equal("—", figure7[paperColumn]);
        Assert.Equal("66.66", figure7[syntheticColumn]);

        string[] bmx = Cells(lines.First(l => l.Contains("SegTrackV2: bmx", StringComparison.Ordinal)));
        Assert.Equal("64.2", bmx[paperColumn]);
        Assert.Equal("—", bmx[syntheticColumn]);
        Assert.Equal("—", bmx[Array.IndexOf(columns, "Ours (real data)")]);

        Assert.StartsWith(Table1MarkdownWriterTests.Environment().ToMarkdown(), markdown, StringComparison.Ordinal);
        Assert.Contains("not legible", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void The_csv_keeps_paper_and_synthetic_values_apart()
    {
        using var temp = new TempDirectory();
        ComparisonTableWriter.Write(temp.Combine("cmp.md"), temp.Combine("cmp.csv"), PaperNumbers.All, Ours(), Table1MarkdownWriterTests.Environment());
        string[] lines = File.ReadAllText(temp.Combine("cmp.csv")).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(string.Join(',', ComparisonTableWriter.CsvColumns), lines[0]);
        Assert.Equal(
            "Table 1,GWM,DAVIS 2016,79.5,\"Sec. 5.2 text: \"\"it worsens the IoU score from an average of 79.5% over the DAVIS dataset to 72.3%\"\"\",81.25,\"DAVIS 2016 val, car-shadow only\",55.55,synthetic suite v1 (6 sequences)",
            lines[1]);
        Assert.Equal("Figure 7,After 1 iteration,synthetic,,,,,66.66,synthetic suite v1 (6 sequences)", lines[^1]);
        Assert.True(File.Exists(temp.Combine("cmp.md")));
    }

    [Fact]
    public void A_figure_built_from_a_table_row_carries_its_provenance()
    {
        Table1Row row = SampleRows.Table()[0];
        MeasuredFigure figure = MeasuredFigure.FromTable1Row(DavisGwm, row, MeasurementKind.RealData);
        Assert.Equal(79.5, figure.Value, 9);
        Assert.Equal(DavisGwm.Dataset, figure.Dataset);
        Assert.Contains("DAVIS 2016 (20 sequences, 1376 frames; configuration base)", figure.MeasuredOn, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_figures_of_one_kind_for_the_same_counterpart_are_refused()
    {
        MeasuredFigure one = Ours()[0];
        var error = Assert.Throws<VideoSegException>(() => ComparisonTableWriter.Build(PaperNumbers.All, [one, one with { Value = 1 }]));
        Assert.Equal(ErrorCodes.InvalidArgument, error.Code);
        Assert.Throws<VideoSegException>(() => ComparisonTableWriter.Build(PaperNumbers.All, [one with { MeasuredOn = " " }]));
    }

    private static string[] Cells(string line) =>
        line.Trim().Trim('|').Split(" | ").Select(c => c.Trim()).ToArray();
}
