using System;
using System.CommandLine;
using VideoSeg.Cli.Infrastructure;
using VideoSeg.Reports.Stage;

namespace VideoSeg.Cli.Commands;

/// <summary><c>videoseg combine</c>: parses the options and runs <see cref="CombineStage"/>.</summary>
public static class CombineCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var results = CommonOptions.RequiredDirectory("--results", "The results root holding <suite>/report/table1.csv.");
        var suites = new Option<string>("--suites") { Description = "Comma-separated suites, in column order.", DefaultValueFactory = _ => "synthetic,davis2016,segtrackv2" };
        var output = CommonOptions.RequiredDirectory("--out", "Where to write the combined table1.csv and table1.md.");
        var force = CommonOptions.Force();
        var command = new Command("combine", "Combine several suites' Table 1 into one table with a column per dataset.") { results, suites, output, force };
        command.SetAction(async (parse, ct) =>
        {
            var stage = new CombineStage(new CombineStageOptions(
                parse.GetValue(results)!.FullName,
                parse.GetValue(suites)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                parse.GetValue(output)!.FullName));
            return StageRunner.Report(await stage.RunAsync(parse.GetValue(force), new ConsoleProgress(CombineStage.Name, stage.PresentSuites.Count), ct).ConfigureAwait(false));
        });
        return command;
    }
}
