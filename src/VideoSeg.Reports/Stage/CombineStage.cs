using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using VideoSeg.Core;
using VideoSeg.Core.Pipeline;
using VideoSeg.Reports.Html;
using VideoSeg.Reports.Provenance;
using VideoSeg.Reports.Tables;

namespace VideoSeg.Reports.Stage;

/// <summary>
/// The combine stage: puts the Table 1 of several suites side by side, one column of mean J per dataset as
/// in the paper's Table 1, from the <c>&lt;results&gt;/&lt;suite&gt;/report/table1.csv</c> files that earlier
/// report stages wrote. No number is recomputed: each cell is copied from its suite's table. Suites without
/// a table yet are left out; none at all is an error. It also writes the combined study page, <c>index.html</c>.
/// </summary>
public sealed class CombineStage
{
    /// <summary>The stage's name in stamps and logs.</summary>
    public const string Name = "combine";

    private readonly CombineStageOptions _options;
    private readonly string[] _present;

    /// <summary>Creates the stage; the suite names are checked and the suites with a table found here.</summary>
    public CombineStage(CombineStageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        string[] requested = options.Suites.Select(s => PlainName.Check(s, "suite name given in --suites", source: null)).ToArray();
        _present = requested.Where(s => File.Exists(TablePath(s))).ToArray();
        if (_present.Length == 0)
        {
            throw new VideoSegException(
                ErrorCodes.MissingFile,
                $"no suite has a Table 1 yet: expected <suite>/report/table1.csv under '{options.Results}' for one of {string.Join(", ", requested)}; run 'dotnet build -t:Reproduce -p:Suite=<suite>' first",
                options.Results);
        }
    }

    /// <summary>The suites that have a table, in column order.</summary>
    public IReadOnlyList<string> PresentSuites => _present;

    /// <summary>The incremental stage: output, stamp, parameters and inputs.</summary>
    public IncrementalStage Describe()
    {
        var stage = new IncrementalStage(Name, _options.Output)
            .WithCode(typeof(CombineStage))
            .WithParameter("suites", string.Join(',', _present));
        foreach (string suite in _present)
        {
            stage.WithInput(TablePath(suite));

            // The combined page links each suite's page that exists, so a page appearing later reruns the stage.
            if (File.Exists(PagePath(suite)))
            {
                stage.WithInput(PagePath(suite));
            }
        }

        return stage;
    }

    /// <summary>Runs the stage unless it is up to date (or <paramref name="force"/>).</summary>
    public Task<StageOutcome> RunAsync(bool force, IProgress<StageProgress>? progress, CancellationToken cancellationToken) =>
        Describe().RunToOutcomeAsync((folder, token) => Task.Run(() => Write(folder, progress), token), force, cancellationToken);

    private string TablePath(string suite) => Path.Combine(_options.Results, suite, "report", "table1.csv");

    private string PagePath(string suite) => Path.Combine(_options.Results, suite, "report", StudyPageWriter.FileName);

    private void Write(string output, IProgress<StageProgress>? progress)
    {
        var rows = new List<Table1Row>();
        foreach (string suite in _present)
        {
            rows.AddRange(Table1CsvReader.Read(TablePath(suite)));
            progress?.Report(StageProgress.Note($"{suite}: {TablePath(suite)}"));
        }

        // Group by configuration so that each configuration's row lists every dataset, in the first suite's order.
        List<string> order = rows.Select(r => r.Configuration).Distinct(StringComparer.Ordinal).ToList();
        List<Table1Row> ordered = [.. rows.OrderBy(r => order.IndexOf(r.Configuration))];
        Table1CsvWriter.Write(Path.Combine(output, "table1.csv"), ordered);

        // The environment block of the first suite's run heads the table; each suite's own manifest stays beside its table.
        string suites = string.Join(", ", _present);
        string manifest = Path.Combine(_options.Results, _present[0], "report", "manifest.json");
        EnvironmentBlock environment = File.Exists(manifest)
            ? RunManifestReader.Read(manifest).Environment with { Suite = suites }
            : EnvironmentBlock.CaptureHost(GitInfo.Unknown, "unknown", "unknown", "unknown", "unknown", new Dictionary<string, long>(), suites);
        Table1MarkdownWriter.Write(Path.Combine(output, "table1.md"), ordered, environment);
        WritePage(output, ordered, environment, suites);
    }

    /// <summary>The combined study page: the combined Table 1 and a link to each suite's own page, which holds its figures, strips and comparison.</summary>
    private void WritePage(string output, List<Table1Row> rows, EnvironmentBlock environment, string suites)
    {
        var links = new List<PageLink>(StudyPageBuilder.Links(output, []));
        foreach (string suite in _present)
        {
            string suitePage = PagePath(suite);
            if (File.Exists(suitePage))
            {
                // Relative to where the page ends up, not to the staging folder it is written in.
                string relative = Path.GetRelativePath(_options.Output, suitePage).Replace(Path.DirectorySeparatorChar, '/');
                links.Add(new PageLink($"{suite}: its own study page", StudyPageBuilder.Href(relative), "figures, strips and the paper comparison"));
            }
        }

        var page = new StudyPage(
            $"VideoSeg study report: {suites}",
            $"Table 1 of {_present.Length} suites side by side, each cell copied from its suite's table1.csv; each suite's own page is linked below.",
            StudyPageBuilder.EnvironmentFacts(environment),
            [new PageFact("Suites", suites), .. _present.Select(s => new PageFact($"Table 1 of {s}", TablePath(s)))],
            [],
            [StudyPageTables.Table1(rows, new Dictionary<string, string>(), "table1.csv", "One row per configuration and dataset; the dataset mean and the frames counted follow each suite's own protocol.")],
            [],
            [],
            [],
            links,
            "Written by the combine stage from the suites' table1.csv files; no number is recomputed.");
        StudyPageWriter.Write(Path.Combine(output, StudyPageWriter.FileName), page);
    }
}
