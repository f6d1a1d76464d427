using System;
using System.IO;
using VideoSeg.Reports.Tables;
using VideoSeg.TestUtilities;
using Xunit;

namespace VideoSeg.Reports.Tests.Tables;

public sealed class CsvTableWriterTests
{
    [Fact]
    public void QuotesOnlyFieldsThatNeedItAndEndsLinesWithNewline()
    {
        using var temp = new TempDirectory();
        string path = temp.Combine("t.csv");

        CsvTableWriter.Write(path, ["name", "value"], [["plain", "0.500000"], ["a, b", "say \"hi\""]]);

        Assert.Equal("name,value\nplain,0.500000\n\"a, b\",\"say \"\"hi\"\"\"\n", File.ReadAllText(path));
    }

    [Fact]
    public void ARowOfTheWrongWidthIsRejectedAndNothingIsWritten()
    {
        using var temp = new TempDirectory();
        string path = temp.Combine("t.csv");

        Assert.Throws<ArgumentException>(() => CsvTableWriter.Write(path, ["a", "b"], [["only one"]]));

        Assert.False(File.Exists(path));
    }
}
