using System.Collections.Generic;
using System.Linq;
using VideoSeg.Reports.FineTuning;
using VideoSeg.Reports.Html;
using VideoSeg.Reports.Paper;
using VideoSeg.Reports.Tables;
using Xunit;

namespace VideoSeg.Reports.Tests.Html;

public sealed class StudyPageTablesTests
{
    [Fact]
    public void Table1CellsCarryTheCsvTextAndDeltasAreColouredBySign()
    {
        Table1Row[] rows = [SampleRows.Row("base", "DAVIS 2016", 0.7), SampleRows.Row("initial", "DAVIS 2016", 0.65) with { DeltaJ = -0.05 }, SampleRows.Row("tiny", "DAVIS 2016", 0.7) with { DeltaJ = 0.0004 }];
        string[] csv = Table1CsvWriter.ToCsv(rows).TrimEnd('\n').Split('\n');
        string[] header = csv[0].Split(',');

        PageTable table = StudyPageTables.Table1(rows, new Dictionary<string, string> { ["base"] = PaperNumbers.GwmRow }, "table1.csv", "note");

        for (int r = 0; r < rows.Length; r++)
        {
            string[] fields = csv[r + 1].Split(',');
            foreach (PageCell cell in table.Rows[r].Where(c => c.CsvColumn is not null))
            {
                Assert.Equal(fields[System.Array.IndexOf(header, cell.CsvColumn)], cell.CsvValue);
            }
        }

        PageCell Delta(int row) => table.Rows[row].Single(c => c.CsvColumn == nameof(Table1Row.DeltaJ));
        Assert.Equal(("−5.0", "down"), (Delta(1).Text, Delta(1).Tone));
        Assert.Equal(("0.0", string.Empty), (Delta(2).Text, Delta(2).Tone));
    }

    [Fact]
    public void ThePapersNumbersSitInTheirOwnColumnOnlyForTheRowsThePaperReports()
    {
        Table1Row[] rows = [SampleRows.Row("base", "DAVIS 2016", 0.7), SampleRows.Row("initial", "DAVIS 2016", 0.65)];

        PageTable table = StudyPageTables.Table1(rows, new Dictionary<string, string> { ["base"] = PaperNumbers.GwmRow }, "table1.csv", "note");
        PageTable combined = StudyPageTables.Table1(rows, new Dictionary<string, string>(), "table1.csv", "note");

        int paper = table.Columns.ToList().FindIndex(c => c.Source == "paper");
        Assert.Equal("Paper J (DAVIS 2016)", table.Columns[paper].Header);
        Assert.Equal(["79.5", "—"], table.Rows.Select(r => r[paper].Text));
        Assert.All(table.Rows, r => Assert.Null(r[paper].CsvColumn));
        Assert.DoesNotContain(combined.Columns, c => c.Source == "paper");
    }

    [Fact]
    public void Table2AndPerSequenceCellsAreTheirCsvFields()
    {
        var table2Row = new Table2Row("SegTrackV2", "paper-code", "Paper code", "bmx", 10, 0.642, "oracle-best", 3, 0.7, 3, 0.7, 2, "plateau", 0.68, 20, 0.4, 0.6, 0.66, 64.2, 74.2);
        var perSequence = new PerSequenceRow("base", "bmx", 9, 0.5, 0.6, 0.1, 0.4, 0.3, -0.2);

        PageTable table2 = StudyPageTables.Table2([table2Row], "table2.csv", "note");
        PageTable scores = StudyPageTables.PerSequence([perSequence], "per-sequence.csv", "note");

        IReadOnlyList<string> fields2 = Table2CsvWriter.Fields(table2Row);
        foreach (PageCell cell in table2.Rows[0])
        {
            Assert.Equal(fields2[System.Array.IndexOf(Table2CsvWriter.Header, cell.CsvColumn)], cell.CsvValue);
        }

        Assert.Equal(("70.0", "up"), (table2.Rows[0][5].Text, table2.Rows[0][5].Tone));
        Assert.Equal(["74.2"], table2.Rows[0].Where(c => c.CsvColumn == "PaperJ").Select(c => c.Text));
        Assert.Equal(PerSequenceCsvWriter.Fields(perSequence), scores.Rows[0].Select(c => c.CsvValue));
        Assert.Equal("50.0", scores.Rows[0][3].Text);
    }
}
