using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using VideoSeg.Cli.Infrastructure;
using VideoSeg.Core;
using VideoSeg.Core.IO;
using VideoSeg.Reports.FineTuning;
using VideoSeg.Reports.Gate;
using VideoSeg.Reports.Tables;

namespace VideoSeg.Cli.Commands;

/// <summary>
/// <c>videoseg verify-baseline</c>: the nightly regression gate. Compares a run's Table 1, and Table 2 when given,
/// with the committed baselines within stated tolerances and fails (VSEG5001) with a readable diff of each.
/// </summary>
public static class VerifyBaselineCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var run = CommonOptions.RequiredFile("--run", "This run's table1.csv.");
        var baseline = CommonOptions.RequiredFile("--baseline", "The committed baseline table1.csv.");
        var toleranceJ = new Option<double>("--tolerance-j") { Description = "Largest accepted |ΔJ| per row (fraction; 0.005 = 0.5 points).", DefaultValueFactory = _ => 0.005 };
        var toleranceF = new Option<double>("--tolerance-f") { Description = "Largest accepted |ΔF| per row (fraction).", DefaultValueFactory = _ => 0.005 };
        var runTable2 = new Option<FileInfo?>("--run-table2") { Description = "This run's table2.csv (the fine-tuning table); compared when given." };
        var baselineTable2 = new Option<FileInfo?>("--baseline-table2") { Description = "The committed baseline table2.csv; required with --run-table2." };
        var update = new Option<bool>("--update") { Description = "Replace the baselines with this run's tables instead of comparing." };
        var command = new Command("verify-baseline", "Compare a run's Table 1 (and Table 2) with the committed baselines (the regression gate).") { run, baseline, runTable2, baselineTable2, toleranceJ, toleranceF, update };
        command.SetAction(parse =>
        {
            var tolerance = new BaselineTolerance(parse.GetValue(toleranceJ), parse.GetValue(toleranceF));
            var tables = new List<BaselineTable>
            {
                new("Table 1", parse.GetValue(run)!.FullName, parse.GetValue(baseline)!.FullName, path => Table1CsvReader.Read(path), (b, r) => BaselineGate.Compare(Table1CsvReader.Read(b), Table1CsvReader.Read(r), tolerance)),
            };
            FileInfo? table2 = parse.GetValue(runTable2);
            FileInfo? table2Baseline = parse.GetValue(baselineTable2);
            if ((table2 is null) != (table2Baseline is null))
            {
                throw new VideoSegException(ErrorCodes.InvalidArgument, "--run-table2 and --baseline-table2 go together: give both or neither");
            }

            if (table2 is not null)
            {
                tables.Add(new("Table 2", table2.FullName, table2Baseline!.FullName, path => Table2CsvReader.Read(path), (b, r) => BaselineGate.Compare(Table2CsvReader.Read(b), Table2CsvReader.Read(r), tolerance)));
            }

            if (tables.FirstOrDefault(t => !File.Exists(t.Run)) is BaselineTable noRun)
            {
                throw new VideoSegException(ErrorCodes.MissingFile, $"this run's {noRun.Name} not found: expected the report stage's table here", noRun.Run);
            }

            if (parse.GetValue(update))
            {
                // Read all first: a baseline is only ever replaced by a table that parses as one, and none is replaced unless every table parses.
                foreach (BaselineTable table in tables)
                {
                    table.Validate(table.Run);
                }

                foreach (BaselineTable table in tables)
                {
                    AtomicFile.WriteAllBytes(table.Baseline, File.ReadAllBytes(table.Run));
                    Console.Out.WriteLine($"[verify-baseline] {table.Name} baseline updated: {table.Baseline}");
                }

                return ExitCodes.Success;
            }

            if (tables.FirstOrDefault(t => !File.Exists(t.Baseline)) is BaselineTable noBaseline)
            {
                throw new VideoSegException(ErrorCodes.MissingFile, $"{noBaseline.Name} baseline not found: expected '{noBaseline.Baseline}'; create it with the same command and --update", noBaseline.Baseline);
            }

            int failed = 0;
            string? firstFailed = null;
            foreach (BaselineTable table in tables)
            {
                BaselineComparison comparison = table.Compare(table.Baseline, table.Run);
                Console.Out.WriteLine($"{table.Name}: {table.Run} against {table.Baseline}");
                Console.Out.WriteLine(comparison.ToReadableDiff());
                failed += comparison.Differences.Count;
                firstFailed ??= comparison.Passed ? null : table.Run;
            }

            if (firstFailed is not null)
            {
                throw new VideoSegException(ErrorCodes.BaselineMismatch, $"the run differs from the baseline beyond tolerance in {failed} check(s); see the diff above", firstFailed);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
