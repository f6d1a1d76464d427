using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using VideoSeg.Cli.Infrastructure;
using VideoSeg.Core;
using VideoSeg.Core.Pipeline;
using VideoSeg.Reports.Provenance;
using VideoSeg.Reports.Tables;

namespace VideoSeg.Cli.Commands;

/// <summary>
/// <c>videoseg combine</c>: puts the Table 1 of several suites side by side, one column of mean J per
/// dataset as in the paper's Table 1, from the <c>&lt;results&gt;/&lt;suite&gt;/report/table1.csv</c> files that
/// earlier <c>Reproduce</c> runs wrote. No number is recomputed: each cell is copied from its suite's table.
/// </summary>
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
        command.SetAction((parse, ct) =>
        {
            string root = parse.GetValue(results)!.FullName;
            string[] requested = parse.GetValue(suites)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(s => PlainName.Check(s, "suite name given in --suites", source: null))
                .ToArray();
            string[] present = requested.Where(s => File.Exists(TablePath(root, s))).ToArray();
            if (present.Length == 0)
            {
                throw new VideoSegException(ErrorCodes.MissingFile, $"no suite has a Table 1 yet: expected <suite>/report/table1.csv under '{root}' for one of {string.Join(", ", requested)}; run 'dotnet build -t:Reproduce -p:Suite=<suite>' first", root);
            }

            var stage = new IncrementalStage("combine", parse.GetValue(output)!.FullName)
                .WithParameter("code", CodeVersion.Of<Table1Row>())
                .WithParameter("suites", string.Join(',', present));
            foreach (string suite in present)
            {
                stage.WithInput(TablePath(root, suite));
            }

            return StageRunner.RunAsync(stage, parse.GetValue(force), (partial, token) => Task.Run(() => Write(root, present, partial), token), ct);
        });
        return command;
    }

    private static string TablePath(string root, string suite) => Path.Combine(root, suite, "report", "table1.csv");

    private static void Write(string root, string[] suites, string output)
    {
        var rows = new List<Table1Row>();
        foreach (string suite in suites)
        {
            rows.AddRange(Table1CsvReader.Read(TablePath(root, suite)));
            Console.Out.WriteLine($"[combine] {suite}: {TablePath(root, suite)}");
        }

        // Group by configuration so that each configuration's row lists every dataset, in the first suite's order.
        List<string> order = rows.Select(r => r.Configuration).Distinct(StringComparer.Ordinal).ToList();
        List<Table1Row> ordered = [.. rows.OrderBy(r => order.IndexOf(r.Configuration))];
        Table1CsvWriter.Write(Path.Combine(output, "table1.csv"), ordered);
        // The environment block of the first suite's run heads the table; each suite's own manifest stays beside its table.
        string manifest = Path.Combine(root, suites[0], "report", "manifest.json");
        EnvironmentBlock environment = File.Exists(manifest)
            ? RunManifestReader.Read(manifest).Environment with { Suite = string.Join(", ", suites) }
            : EnvironmentBlock.CaptureHost(GitInfo.Unknown, "unknown", "unknown", "unknown", "unknown", new Dictionary<string, long>(), string.Join(", ", suites));
        Table1MarkdownWriter.Write(Path.Combine(output, "table1.md"), ordered, environment);
    }
}
