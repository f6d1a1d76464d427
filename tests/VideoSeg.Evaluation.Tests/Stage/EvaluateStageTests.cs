using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using VideoSeg.Core.Pipeline;
using VideoSeg.Data.Sequences;
using VideoSeg.Data.Synthetic;
using VideoSeg.Evaluation.Stage;
using VideoSeg.Evaluation.Storage;
using VideoSeg.TestUtilities;
using Xunit;

namespace VideoSeg.Evaluation.Tests.Stage;

/// <summary>The evaluate stage on a tiny generated suite whose predictions are its own ground truth.</summary>
public sealed class EvaluateStageTests
{
    [Fact]
    public async Task ScoresEveryPredictionFolderAndARerunIsUpToDate()
    {
        using var temp = new TempDirectory();
        string dataset = temp.Combine("datasets", "synthetic");
        SyntheticSuiteGenerator.Generate(dataset, new SyntheticSuiteOptions { Sequences = 2, MinFrames = 4, MaxFrames = 4, Height = 32, Width = 48, Seed = 5 });
        var layout = new DatasetLayout(dataset);
        string predictions = temp.Combine("results", "refined");
        foreach (string name in layout.ReadSequences())
        {
            VideoSequence sequence = SequenceReader.Open(layout, name, requireAnnotations: true);
            Data.Masks.MaskFolders.Write(Path.Combine(predictions, "perfect", "masks"), name, sequence.FrameStems, SequenceReader.ReadMasks(sequence));
        }

        var options = new EvaluateStageOptions(dataset, predictions, temp.Combine("results", "evaluation"), new EvaluationOptions { AllowResampling = true });
        var steps = new List<StageProgress>();

        StageOutcome first = await new EvaluateStage(options).RunAsync(force: false, new SynchronousRecorder(steps), CancellationToken.None);
        StageOutcome second = await new EvaluateStage(options).RunAsync(force: false, progress: null, CancellationToken.None);

        Assert.True(first.Ran);
        Assert.False(second.Ran);
        SortedDictionary<string, IReadOnlyList<SequenceEvaluation>> scores = EvaluationStore.ReadAll(options.Output);
        Assert.Equal(["perfect"], scores.Keys);
        Assert.Equal(1.0, DatasetEvaluator.Aggregate(scores["perfect"]).SequenceMean.JMean, 6);
        Assert.Equal("perfect: J 100.0, F 100.0", Assert.Single(steps).Message);
    }

    [Fact]
    public void TheScorersDoNotUseDataTypes()
    {
        // Only the stage reads files; the scorers see masks, so they stay usable on anything.
        string root = Path.Combine(SharedData.RepositoryRoot, "src", "VideoSeg.Evaluation");
        string[] offenders = Directory.GetFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.StartsWith(Path.Combine(root, "Stage") + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f).Contains("VideoSeg.Data", StringComparison.Ordinal))
            .ToArray();

        Assert.Empty(offenders);
    }

    private sealed class SynchronousRecorder(List<StageProgress> reports) : IProgress<StageProgress>
    {
        public void Report(StageProgress value) => reports.Add(value);
    }
}
