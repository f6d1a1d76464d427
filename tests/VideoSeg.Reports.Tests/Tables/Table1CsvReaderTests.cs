using VideoSeg.Core;
using VideoSeg.Reports.Tables;
using VideoSeg.TestUtilities;
using Xunit;

namespace VideoSeg.Reports.Tests.Tables;

public sealed class Table1CsvReaderTests
{
    [Fact]
    public void A_missing_file_is_reported_with_its_path()
    {
        using var temp = new TempDirectory();
        string path = temp.Combine("absent.csv");
        var error = Assert.Throws<VideoSegException>(() => Table1CsvReader.Read(path));
        Assert.Equal(ErrorCodes.MissingFile, error.Code);
        Assert.Equal(path, error.Path);
    }

    [Fact]
    public void A_wrong_header_names_the_expected_columns()
    {
        string csv = "Configuration,Dataset,MeanJ\nbase,DAVIS,0.5\n";
        var error = Assert.Throws<VideoSegException>(() => Table1CsvReader.Parse(csv, "baseline.csv"));
        Assert.Equal(ErrorCodes.InvalidArgument, error.Code);
        Assert.Equal("baseline.csv", error.Path);
        Assert.Contains("Configuration,Method,Dataset", error.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_that_is_not_a_number_is_reported()
    {
        string csv = Table1CsvWriter.ToCsv(SampleRows.Table()).Replace("0.723000", "abc", System.StringComparison.Ordinal);
        var error = Assert.Throws<VideoSegException>(() => Table1CsvReader.Parse(csv, "baseline.csv"));
        Assert.Equal(ErrorCodes.InvalidArgument, error.Code);
        Assert.Equal("baseline.csv", error.Path);
    }
}
