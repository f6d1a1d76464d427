using System.IO;
using System.Linq;
using VideoSeg.Core.IO;
using VideoSeg.Reports.Tables;
using VideoSeg.TestUtilities;
using Xunit;

namespace VideoSeg.Cli.Tests.Commands;

public sealed class CombineCommandTests
{
    [Fact]
    public void PutsEachSuiteInItsOwnColumnWithoutChangingANumber()
    {
        using var temp = new TempDirectory();
        Table1CsvWriter.Write(temp.Combine("davis2016", "report", "table1.csv"), [Row("base", "DAVIS 2016", 0.7), Row("initial", "DAVIS 2016", 0.65)]);
        Table1CsvWriter.Write(temp.Combine("segtrackv2", "report", "table1.csv"), [Row("base", "SegTrackV2", 0.6), Row("initial", "SegTrackV2", 0.62)]);

        ChildProcessResult result = CliRunner.Run("combine", "--results", temp.Path, "--suites", "davis2016,segtrackv2,synthetic", "--out", temp.Combine("combined"));

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        var rows = Table1CsvReader.Read(temp.Combine("combined", "table1.csv"));
        Assert.Equal(["base", "base", "initial", "initial"], rows.Select(r => r.Configuration));
        Assert.Equal(0.62, rows.Single(r => r.Configuration == "initial" && r.Dataset == "SegTrackV2").MeanJ, 6);
        string markdown = File.ReadAllText(temp.Combine("combined", "table1.md"));
        Assert.Contains("| base | Base | 70.0 | 60.0 |", markdown, System.StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutAnySuiteTableItFailsNamingWhatToRunFirst()
    {
        using var temp = new TempDirectory();

        ChildProcessResult result = CliRunner.Run("combine", "--results", temp.Path, "--out", temp.Combine("combined"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error VSEG2001", result.Stderr, System.StringComparison.Ordinal);
        Assert.Contains("-t:Reproduce", result.Stderr, System.StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.Combine("combined")));
    }

    private static Table1Row Row(string configuration, string dataset, double j) =>
        new(configuration, configuration == "base" ? "Base" : "Initial", dataset, "tvl1-fast", "motion", 2, 40, j, 0, j, 0, 1, 0);
}
