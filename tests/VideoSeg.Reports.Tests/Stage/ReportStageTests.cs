using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using VideoSeg.Core.Imaging;
using VideoSeg.Core.IO;
using VideoSeg.Core.Pipeline;
using VideoSeg.Data.Masks;
using VideoSeg.Data.Sequences;
using VideoSeg.Data.Synthetic;
using VideoSeg.Evaluation;
using VideoSeg.Evaluation.Stage;
using VideoSeg.Reports.Stage;
using VideoSeg.Reports.Tables;
using VideoSeg.TestUtilities;
using Xunit;

namespace VideoSeg.Reports.Tests.Stage;

/// <summary>
/// The report stage on a tiny generated suite whose predictions are known: empty base masks (J = 0), the
/// ground truth as the initial refinement (J = 1), and an iterative series that is right at its first
/// iteration and empty at its second, so every number in Table 1 and Figure 7 can be stated exactly.
/// </summary>
public sealed class ReportStageTests : IDisposable
{
    private const string Matrix = """
        {
          "schema": 1,
          "configurations": [
            { "name": "base", "kind": "base", "table1": "Base masks" },
            { "name": "initial", "kind": "initial", "table1": "Initial refinement" },
            { "name": "iterative", "kind": "iterative", "alpha": 0.8, "iterations": 2, "reportIteration": 1, "table1": "Iterative, 1 iteration" }
          ]
        }
        """;

    private readonly TempDirectory _temp = new();
    private readonly ReportStageOptions _options;

    public ReportStageTests()
    {
        string dataset = _temp.Combine("datasets", "synthetic");
        SyntheticSuiteGenerator.Generate(dataset, new SyntheticSuiteOptions { Sequences = 2, MinFrames = 4, MaxFrames = 4, Height = 32, Width = 48, Seed = 9 });
        var layout = new DatasetLayout(dataset);
        string refined = _temp.Combine("results", "synthetic", "refined");
        foreach (string name in layout.ReadSequences())
        {
            VideoSequence sequence = SequenceReader.Open(layout, name, requireAnnotations: true);
            IReadOnlyList<BinaryMask> truth = SequenceReader.ReadMasks(sequence);
            BinaryMask[] empty = truth.Select(m => new BinaryMask(m.Width, m.Height)).ToArray();
            MaskFolders.Write(Path.Combine(refined, "base", "masks"), name, sequence.FrameStems, empty);
            MaskFolders.Write(Path.Combine(refined, "initial", "masks"), name, sequence.FrameStems, truth);
            MaskFolders.Write(Path.Combine(refined, "iterative@1", "masks"), name, sequence.FrameStems, truth);
            MaskFolders.Write(Path.Combine(refined, "iterative@2", "masks"), name, sequence.FrameStems, empty);
        }

        string evaluation = _temp.Combine("results", "synthetic", "evaluation");
        StageOutcome scored = new EvaluateStage(new EvaluateStageOptions(dataset, refined, evaluation, EvaluationOptions.Default))
            .RunAsync(force: false, progress: null, CancellationToken.None).GetAwaiter().GetResult();
        Assert.True(scored.Ran);
        string matrix = _temp.Combine("experiments.json");
        File.WriteAllText(matrix, Matrix);

        _options = new ReportStageOptions(
            "synthetic",
            dataset,
            evaluation,
            refined,
            _temp.Combine("results", "synthetic", "flows"),
            matrix,
            _temp.Combine("results", "synthetic", "report"),
            DatasetAggregation.MeanOverSequences,
            "perturbed-truth",
            Selector: null,
            RepositoryRoot: _temp.Path,
            Seed: 17,
            ProgramVersion: "test",
            TorchSharpVersion: "none");
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Table1RowsAreTheAggregatesOfTheScoresWithDeltasAgainstTheBase()
    {
        StageOutcome outcome = await new ReportStage(_options).RunAsync(force: false, progress: null, CancellationToken.None);

        Assert.True(outcome.Ran);
        IReadOnlyList<Table1Row> rows = Table1CsvReader.Read(Path.Combine(_options.Output, "table1.csv"));
        Assert.Equal(["base", "initial", "iterative@1"], rows.Select(r => r.Configuration));
        Assert.Equal([0.0, 1.0, 1.0], rows.Select(r => r.MeanJ));
        Assert.Equal([0.0, 1.0, 1.0], rows.Select(r => r.DeltaJ));
        Assert.All(rows, r => Assert.Equal(2, r.Sequences));
        Assert.All(rows, r => Assert.Equal(8, r.Frames));
        Assert.All(rows, r => Assert.Equal("perturbed-truth", r.BaseMasks));
    }

    [Fact]
    public async Task Figure7FollowsTheIterativeSeriesFromTheBaseMasks()
    {
        await new ReportStage(_options).RunAsync(force: false, progress: null, CancellationToken.None);

        string[] lines = File.ReadAllLines(Path.Combine(_options.Output, "figure7.csv"));
        Assert.Equal("dataset,series,iteration,mean_j", lines[0]);
        Assert.Equal(["0,0.000000", "1,1.000000", "2,0.000000"], lines.Skip(1).Select(l => string.Join(',', l.Split(',')[^2..])));
        Assert.Equal((800, 500), PngHeader.ReadSize(File.ReadAllBytes(Path.Combine(_options.Output, "figure7.png"))));
    }

    [Fact]
    public async Task WritesEveryArtifactAndTheManifestHashesThem()
    {
        await new ReportStage(_options).RunAsync(force: false, progress: null, CancellationToken.None);

        string[] files = Directory.GetFiles(_options.Output).Select(Path.GetFileName).ToArray()!;
        foreach (string artifact in new[] { "table1.csv", "table1.md", "figure7.png", "figure7.svg", "figure7.csv", "comparison.md", "comparison.csv", "per-sequence.csv", "index.html", "manifest.json" })
        {
            Assert.Contains(artifact, files);
        }

        // One strip per sequence, for the study page.
        Assert.Equal(2, files.Count(f => f.StartsWith("qualitative-", StringComparison.Ordinal)));
        string manifest = File.ReadAllText(Path.Combine(_options.Output, "manifest.json"));
        Assert.Contains(ContentHash.OfFile(Path.Combine(_options.Output, "table1.csv")), manifest, StringComparison.Ordinal);
        Assert.Contains(ContentHash.OfFile(Path.Combine(_options.Output, "index.html")), manifest, StringComparison.Ordinal);
        Assert.DoesNotContain("\"manifest.json\"", manifest, StringComparison.Ordinal);
        Assert.Contains("\"run\": 17", manifest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnchangedRerunIsUpToDateAndChangedScoresRerunIt()
    {
        await new ReportStage(_options).RunAsync(force: false, progress: null, CancellationToken.None);

        StageOutcome unchanged = await new ReportStage(_options).RunAsync(force: false, progress: null, CancellationToken.None);
        File.AppendAllText(Directory.GetFiles(_options.Evaluation, "*.json")[0], " ");
        StageOutcome changed = await new ReportStage(_options).RunAsync(force: false, progress: null, CancellationToken.None);

        Assert.False(unchanged.Ran);
        Assert.True(changed.Ran);
    }

    [Fact]
    public async Task ADifferentSeedIsADifferentRun()
    {
        await new ReportStage(_options).RunAsync(force: false, progress: null, CancellationToken.None);

        StageOutcome reseeded = await new ReportStage(_options with { Seed = 18 }).RunAsync(force: false, progress: null, CancellationToken.None);

        Assert.True(reseeded.Ran);
    }
}
