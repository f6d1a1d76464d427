using System;
using System.IO;
using VideoSeg.Core;
using VideoSeg.Core.IO;
using VideoSeg.Reports.FineTuning;
using VideoSeg.Reports.Tables;
using VideoSeg.TestUtilities;
using Xunit;

namespace VideoSeg.Cli.Tests.Commands;

public sealed class VerifyBaselineCommandTests
{
    private static readonly Table1Row[] s_table1 =
    [
        new("base", "Base masks", "Synthetic suite", "tvl1-fast", "gwm/corner-rule", 10, 431, 0.65, 0, 0.68, 0, 0.82, -0.02),
    ];

    private static readonly Table2Row[] s_table2 =
    [
        new("Synthetic suite", "paper-code", "Paper code", "synth-00", 44, 0.89, "oracle-best", 0, 0.89, 0, 0.89, 4, "mask-change", 0.82, 20, 0.58, 0.89, 0.82, null, null),
    ];

    [Fact]
    public void BothTablesAreGatedAndATable2DifferenceFailsWithItsDiff()
    {
        using var temp = new TempDirectory();
        string[] args = Write(temp, s_table2);
        Assert.Equal(0, CliRunner.Run([.. args, "--update"]).ExitCode);
        Assert.Equal(File.ReadAllBytes(temp.Combine("table2.csv")), File.ReadAllBytes(temp.Combine("baseline2.csv")));

        ChildProcessResult same = CliRunner.Run(args);
        Assert.True(same.ExitCode == 0, same.Stdout + same.Stderr);
        Assert.Contains("Table 2: ", same.Stdout, StringComparison.Ordinal);

        Write(temp, [s_table2[0] with { FinalJ = 0.56 }]);
        ChildProcessResult changed = CliRunner.Run(args);

        Assert.Equal(2, changed.ExitCode);
        Assert.StartsWith(temp.Combine("table2.csv") + $": error {ErrorCodes.BaselineMismatch}: ", changed.Stderr, StringComparison.Ordinal);
        string line = Assert.Single(changed.Stdout.Split('\n'), l => l.Contains("FAIL:", StringComparison.Ordinal));
        Assert.Contains("paper-code/synth-00", line, StringComparison.Ordinal);
        Assert.Contains("FinalJ", line, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUpdateWithACorruptTable2ReplacesNeitherBaseline()
    {
        using var temp = new TempDirectory();
        string[] args = Write(temp, s_table2);
        Assert.Equal(0, CliRunner.Run([.. args, "--update"]).ExitCode);
        byte[] before = File.ReadAllBytes(temp.Combine("baseline1.csv"));
        Write(temp, s_table2);
        File.WriteAllText(temp.Combine("table2.csv"), "Dataset,Configuration\nx,y\n");
        Table1CsvWriter.Write(temp.Combine("table1.csv"), [s_table1[0] with { MeanJ = 0.1 }]);

        ChildProcessResult result = CliRunner.Run([.. args, "--update"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("table2.csv", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(temp.Combine("baseline1.csv")));
    }

    [Fact]
    public void ATable2RunWithoutItsBaselineIsRefused()
    {
        using var temp = new TempDirectory();
        Write(temp, s_table2);

        ChildProcessResult result = CliRunner.Run("verify-baseline", "--run", temp.Combine("table1.csv"), "--baseline", temp.Combine("table1.csv"), "--run-table2", temp.Combine("table2.csv"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($": error {ErrorCodes.InvalidArgument}: ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("--baseline-table2", result.Stderr, StringComparison.Ordinal);
    }

    private static string[] Write(TempDirectory temp, Table2Row[] table2)
    {
        Table1CsvWriter.Write(temp.Combine("table1.csv"), s_table1);
        Table2CsvWriter.Write(temp.Combine("table2.csv"), table2);
        return ["verify-baseline", "--run", temp.Combine("table1.csv"), "--baseline", temp.Combine("baseline1.csv"), "--run-table2", temp.Combine("table2.csv"), "--baseline-table2", temp.Combine("baseline2.csv")];
    }
}
