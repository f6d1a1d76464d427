using System;
using VideoSeg.Core;
using VideoSeg.Reports.FineTuning;
using VideoSeg.TestUtilities;
using Xunit;

namespace VideoSeg.Reports.Tests.FineTuning;

public sealed class Table2CsvReaderTests
{
    private static readonly Table2Row[] s_rows =
    [
        new("Synthetic suite", "corrected", "Corrected, \"detached\"", "synth-00", 44, 0.890361, "stopping-rule", 8, 0.73, 0, 0.890361, 8, "mask-change", 0.73, 20, 0.461, 0.88, 0.7, null, null),
        new("SegTrackV2", "paper-code", "Paper code", "All", 136, 0.699101, "oracle-best", null, 0.7, null, 0.7, null, string.Empty, 0.69, null, 0.38, 0.69, 0.68, 63.6, 63.8),
    ];

    [Fact]
    public void WhatTheWriterWritesReadsBackEqual()
    {
        using var temp = new TempDirectory();
        string path = temp.Combine("table2.csv");
        Table2CsvWriter.Write(path, s_rows);

        Assert.Equal(s_rows, Table2CsvReader.Read(path));
    }

    [Fact]
    public void AWrongHeaderIsOneErrorNamingTheFileAndTheExpectedHeader()
    {
        var error = Assert.Throws<VideoSegException>(() => Table2CsvReader.Parse("Configuration,MeanJ\nbase,0.5\n", "baseline/table2.csv"));

        Assert.Equal(ErrorCodes.InvalidArgument, error.Code);
        Assert.Equal("baseline/table2.csv", error.Path);
        Assert.Contains("Dataset,Configuration,Label,Sequence", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ANonNumericJNamesTheRowAndColumn()
    {
        using var temp = new TempDirectory();
        string path = temp.Combine("table2.csv");
        Table2CsvWriter.Write(path, s_rows);
        string text = System.IO.File.ReadAllText(path).Replace("0.461000", "n/a", StringComparison.Ordinal);

        var error = Assert.Throws<VideoSegException>(() => Table2CsvReader.Parse(text, path));

        Assert.Contains("row 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("FinalJ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingFileIsAMissingFileError()
    {
        using var temp = new TempDirectory();

        Assert.Equal(ErrorCodes.MissingFile, Assert.Throws<VideoSegException>(() => Table2CsvReader.Read(temp.Combine("table2.csv"))).Code);
    }
}
