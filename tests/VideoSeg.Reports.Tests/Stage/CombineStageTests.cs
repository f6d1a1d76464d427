using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using VideoSeg.Core;
using VideoSeg.Core.Pipeline;
using VideoSeg.Reports.Stage;
using VideoSeg.Reports.Tables;
using VideoSeg.TestUtilities;
using Xunit;

namespace VideoSeg.Reports.Tests.Stage;

public sealed class CombineStageTests
{
    [Fact]
    public async Task CopiesEachSuitesRowsAndLeavesOutSuitesWithoutATable()
    {
        using var temp = new TempDirectory();
        Table1CsvWriter.Write(temp.Combine("results", "davis2016", "report", "table1.csv"), [SampleRows.Row("base", "DAVIS 2016", 0.7), SampleRows.Row("initial", "DAVIS 2016", 0.65)]);
        Table1CsvWriter.Write(temp.Combine("results", "segtrackv2", "report", "table1.csv"), [SampleRows.Row("initial", "SegTrackV2", 0.62), SampleRows.Row("base", "SegTrackV2", 0.6)]);
        var stage = new CombineStage(new CombineStageOptions(temp.Combine("results"), ["davis2016", "synthetic", "segtrackv2"], temp.Combine("results", "combined")));

        StageOutcome outcome = await stage.RunAsync(force: false, progress: null, CancellationToken.None);

        Assert.True(outcome.Ran);
        Assert.Equal(["davis2016", "segtrackv2"], stage.PresentSuites);
        var rows = Table1CsvReader.Read(temp.Combine("results", "combined", "table1.csv"));
        Assert.Equal(["base/DAVIS 2016", "base/SegTrackV2", "initial/DAVIS 2016", "initial/SegTrackV2"], rows.Select(r => $"{r.Configuration}/{r.Dataset}"));
        Assert.Equal([0.7, 0.6, 0.65, 0.62], rows.Select(r => r.MeanJ));
    }

    [Fact]
    public async Task RerunsOnlyWhenASuitesTableChanges()
    {
        using var temp = new TempDirectory();
        string table = temp.Combine("results", "davis2016", "report", "table1.csv");
        Table1CsvWriter.Write(table, [SampleRows.Row("base", "DAVIS 2016", 0.7)]);
        var options = new CombineStageOptions(temp.Combine("results"), ["davis2016"], temp.Combine("results", "combined"));
        await new CombineStage(options).RunAsync(force: false, progress: null, CancellationToken.None);

        StageOutcome unchanged = await new CombineStage(options).RunAsync(force: false, progress: null, CancellationToken.None);
        Table1CsvWriter.Write(table, [SampleRows.Row("base", "DAVIS 2016", 0.71)]);
        StageOutcome changed = await new CombineStage(options).RunAsync(force: false, progress: null, CancellationToken.None);

        Assert.False(unchanged.Ran);
        Assert.True(changed.Ran);
        Assert.Equal(0.71, Assert.Single(Table1CsvReader.Read(temp.Combine("results", "combined", "table1.csv"))).MeanJ);
    }

    [Fact]
    public void WithoutAnyTableItNamesTheResultsRootAndWhatToRunFirst()
    {
        using var temp = new TempDirectory();

        var error = Assert.Throws<VideoSegException>(() => new CombineStage(new CombineStageOptions(temp.Path, ["davis2016"], temp.Combine("combined"))));

        Assert.Equal(ErrorCodes.MissingFile, error.Code);
        Assert.Contains("dotnet build -t:Reproduce -p:Suite=<suite>", error.Message, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("..")]
    [InlineData("a/b")]
    public void ASuiteThatIsNotAPlainNameIsRefused(string suite)
    {
        using var temp = new TempDirectory();

        var error = Assert.Throws<VideoSegException>(() => new CombineStage(new CombineStageOptions(temp.Path, [suite], temp.Combine("combined"))));

        Assert.Equal(ErrorCodes.BadName, error.Code);
    }

    [Fact]
    public async Task WritesTheCombinedStudyPageLinkingEachSuitesOwnPage()
    {
        using var temp = new TempDirectory();
        Table1CsvWriter.Write(temp.Combine("results", "davis2016", "report", "table1.csv"), [SampleRows.Row("base", "DAVIS 2016", 0.7)]);
        Table1CsvWriter.Write(temp.Combine("results", "segtrackv2", "report", "table1.csv"), [SampleRows.Row("base", "SegTrackV2", 0.6)]);
        File.WriteAllText(temp.Combine("results", "davis2016", "report", "index.html"), "<!DOCTYPE html>");
        var options = new CombineStageOptions(temp.Combine("results"), ["davis2016", "segtrackv2"], temp.Combine("results", "combined"));

        await new CombineStage(options).RunAsync(force: false, progress: null, CancellationToken.None);

        string page = File.ReadAllText(temp.Combine("results", "combined", "index.html"));
        Assert.Contains("href=\"../davis2016/report/index.html\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("segtrackv2/report/index.html", page, StringComparison.Ordinal);
        Assert.Contains("data-column=\"MeanJ\" data-value=\"0.700000\"", page, StringComparison.Ordinal);
        Assert.Contains("data-column=\"MeanJ\" data-value=\"0.600000\"", page, StringComparison.Ordinal);

        // A suite's page appearing later is an input: the combined page then links it.
        File.WriteAllText(temp.Combine("results", "segtrackv2", "report", "index.html"), "<!DOCTYPE html>");
        StageOutcome rerun = await new CombineStage(options).RunAsync(force: false, progress: null, CancellationToken.None);
        Assert.True(rerun.Ran);
        Assert.Contains("href=\"../segtrackv2/report/index.html\"", File.ReadAllText(temp.Combine("results", "combined", "index.html")), StringComparison.Ordinal);
    }
}
