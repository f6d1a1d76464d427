using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using VideoSeg.Reports.Tables;
using VideoSeg.TestUtilities;
using Xunit;

namespace VideoSeg.Reports.Tests.Tables;

public sealed class Table1CsvWriterTests
{
    [Fact]
    public void Header_lists_the_columns_in_the_fixed_order()
    {
        string csv = Table1CsvWriter.ToCsv(SampleRows.Table());
        string header = csv.Split('\n')[0];
        Assert.Equal(
            "Configuration,Method,Dataset,FlowSource,BaseMasks,Sequences,Frames,MeanJ,DeltaJ,MeanF,DeltaF,JRecall,JDecay",
            header);
        Assert.Equal(string.Join(',', Table1CsvReader.Columns), header);
    }

    [Fact]
    public void Numbers_have_six_fixed_decimals_and_lines_end_with_newline_only()
    {
        string csv = Table1CsvWriter.ToCsv(SampleRows.Table());
        Assert.DoesNotContain('\r', csv);
        string[] lines = csv.Split('\n');
        Assert.Equal("base,GWM (base),DAVIS 2016,none,GWM released,20,1376,0.795000,0.000000,0.781234,0.000000,0.930000,0.021000", lines[1]);
        Assert.Equal("weighted-1,Weighted average ±1,DAVIS 2016,RAFT things,GWM released,20,1376,0.790000,-0.005000,0.770000,-0.011234,0.920000,0.030000", lines[3]);
    }

    [Fact]
    public void Output_does_not_depend_on_the_current_culture()
    {
        CultureInfo comma = CommaDecimalCulture();
        Assert.Equal("1,5", 1.5.ToString(comma));

        string invariant = Table1CsvWriter.ToCsv(SampleRows.Table());
        string? underComma = null;
        var thread = new Thread(() =>
        {
            CultureInfo.CurrentCulture = comma;
            CultureInfo.CurrentUICulture = comma;
            underComma = Table1CsvWriter.ToCsv(SampleRows.Table());
        });
        thread.Start();
        thread.Join();

        Assert.Equal(invariant, underComma);
        Assert.Contains("0.723000", underComma, StringComparison.Ordinal);
    }

    [Fact]
    public void Writing_then_reading_gives_the_rows_back()
    {
        using var temp = new TempDirectory();
        string path = temp.Combine("results", "table1.csv");
        Table1CsvWriter.Write(path, SampleRows.Table());

        var read = Table1CsvReader.Read(path);

        Assert.Equal(SampleRows.Table().Count, read.Count);
        foreach (var (expected, actual) in SampleRows.Table().Zip(read))
        {
            Assert.Equal(expected.Configuration, actual.Configuration);
            Assert.Equal(expected.Method, actual.Method);
            Assert.Equal(expected.Dataset, actual.Dataset);
            Assert.Equal(expected.FlowSource, actual.FlowSource);
            Assert.Equal(expected.BaseMasks, actual.BaseMasks);
            Assert.Equal(expected.Sequences, actual.Sequences);
            Assert.Equal(expected.Frames, actual.Frames);
            Assert.Equal(expected.MeanJ, actual.MeanJ, 6);
            Assert.Equal(expected.DeltaJ, actual.DeltaJ, 6);
            Assert.Equal(expected.MeanF, actual.MeanF, 6);
            Assert.Equal(expected.DeltaF, actual.DeltaF, 6);
            Assert.Equal(expected.JRecall, actual.JRecall, 6);
            Assert.Equal(expected.JDecay, actual.JDecay, 6);
        }

        Assert.Empty(Directory.GetFiles(temp.Combine("results"), "*.tmp"));
    }

    [Fact]
    public void Rewriting_what_was_read_gives_the_same_bytes()
    {
        string first = Table1CsvWriter.ToCsv(SampleRows.Table());
        string second = Table1CsvWriter.ToCsv(Table1CsvReader.Parse(first, "memory"));
        Assert.Equal(first, second);
    }

    internal static CultureInfo CommaDecimalCulture()
    {
        // InvariantGlobalization is on in this repository, so de-DE may not exist; a clone of the
        // invariant culture with German separators exercises the same code paths.
        try
        {
            var german = CultureInfo.GetCultureInfo("de-DE", predefinedOnly: false);
            if (german.NumberFormat.NumberDecimalSeparator == ",")
            {
                return german;
            }
        }
        catch (CultureNotFoundException)
        {
        }

        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat.NumberDecimalSeparator = ",";
        culture.NumberFormat.NumberGroupSeparator = ".";
        culture.TextInfo.ListSeparator = ";";
        return culture;
    }
}
