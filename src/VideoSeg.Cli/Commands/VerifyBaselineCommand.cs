using System;
using System.CommandLine;
using System.IO;
using VideoSeg.Cli.Infrastructure;
using VideoSeg.Core;
using VideoSeg.Core.IO;
using VideoSeg.Reports.Gate;
using VideoSeg.Reports.Tables;

namespace VideoSeg.Cli.Commands;

/// <summary>
/// <c>videoseg verify-baseline</c>: the nightly regression gate. Compares a run's Table 1 with the
/// committed baseline within stated tolerances and fails (VSEG5001) with a readable diff.
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
        var update = new Option<bool>("--update") { Description = "Replace the baseline with this run's table instead of comparing." };
        var command = new Command("verify-baseline", "Compare a run's Table 1 with the committed baseline (the regression gate).") { run, baseline, toleranceJ, toleranceF, update };
        command.SetAction(parse =>
        {
            string runPath = parse.GetValue(run)!.FullName;
            string baselinePath = parse.GetValue(baseline)!.FullName;
            if (!File.Exists(runPath))
            {
                throw new VideoSegException(ErrorCodes.MissingFile, "this run's Table 1 not found: expected the report stage's table1.csv here", runPath);
            }

            if (parse.GetValue(update))
            {
                // Read first: a baseline is only ever replaced by a table that parses as one.
                Table1CsvReader.Read(runPath);
                AtomicFile.WriteAllBytes(baselinePath, File.ReadAllBytes(runPath));
                Console.Out.WriteLine($"[verify-baseline] baseline updated: {baselinePath}");
                return ExitCodes.Success;
            }

            if (!File.Exists(baselinePath))
            {
                throw new VideoSegException(ErrorCodes.MissingFile, $"baseline not found: expected '{baselinePath}'; create it with 'videoseg verify-baseline --run {runPath} --baseline {baselinePath} --update'", baselinePath);
            }

            BaselineComparison comparison = BaselineGate.Compare(
                Table1CsvReader.Read(baselinePath),
                Table1CsvReader.Read(runPath),
                new BaselineTolerance(parse.GetValue(toleranceJ), parse.GetValue(toleranceF)));
            Console.Out.WriteLine(comparison.ToReadableDiff());
            if (!comparison.Passed)
            {
                throw new VideoSegException(ErrorCodes.BaselineMismatch, $"the run differs from the baseline beyond tolerance in {comparison.Differences.Count} check(s); see the diff above", runPath);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
