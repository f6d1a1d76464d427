using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using VideoSeg.Core;
using VideoSeg.Core.Experiments;
using VideoSeg.Core.Pipeline;
using VideoSeg.Data.Synthetic;
using VideoSeg.Flow.Devices;
using VideoSeg.Flow.Occlusion;
using VideoSeg.TestUtilities;
using Xunit;

namespace VideoSeg.Refine.Tests;

/// <summary>The refine stage on a tiny generated suite, with its ground-truth flows and masks standing in for the earlier stages.</summary>
public sealed class RefineStageTests
{
    [Fact]
    public async Task WritesEveryConfigurationInTheResultsLayoutAndARerunIsUpToDate()
    {
        using var temp = new TempDirectory();
        string matrixPath = Path.Combine(SharedData.RepositoryRoot, "eng", "experiments.json");
        ExperimentMatrix matrix = ExperimentMatrix.Load(matrixPath);
        string dataset = temp.Combine("datasets", "synthetic");
        SyntheticSuiteGenerator.Generate(dataset, new SyntheticSuiteOptions { Sequences = 1, MinFrames = 5, MaxFrames = 5, Height = 32, Width = 48, Seed = 3 });
        var layout = new DatasetLayout(dataset);
        DeviceChoice device = DeviceChoice.Resolve("cpu");
        string occlusions = temp.Combine("results", "occlusions");
        await new OcclusionsStage(new OcclusionsStageOptions(dataset, layout.GroundTruthFlowsRoot, occlusions, matrixPath, matrix.Occlusion, device))
            .RunAsync(force: false, progress: null, CancellationToken.None);
        var options = new RefineStageOptions(
            dataset,
            layout.GroundTruthFlowsRoot,
            occlusions,
            layout.AnnotationsRoot,
            matrixPath,
            matrix,
            ["base", "initial", "iterative"],
            [],
            temp.Combine("results", "refined"),
            device,
            42);

        StageOutcome first = await new RefineStage(options).RunAsync(force: false, progress: null, CancellationToken.None);
        StageOutcome second = await new RefineStage(options).RunAsync(force: false, progress: null, CancellationToken.None);

        Assert.True(first.Ran);
        Assert.False(second.Ran);
        string sequence = SyntheticSuiteGenerator.SequenceName(0);
        foreach (string name in new[] { "base", "initial", "iterative@1", "iterative@8" })
        {
            Assert.Equal(5, Directory.GetFiles(Path.Combine(options.Output, name, "masks", sequence), "*.png").Length);
        }
    }

    [Fact]
    public void AReferenceRowWithoutItsFolderIsRefusedBeforeAnyWork()
    {
        using var temp = new TempDirectory();
        string matrixPath = Path.Combine(SharedData.RepositoryRoot, "eng", "experiments.json");
        var options = new RefineStageOptions(
            temp.Path, temp.Path, temp.Path, temp.Path, matrixPath, ExperimentMatrix.Load(matrixPath), [], [], temp.Combine("out"), DeviceChoice.Resolve("cpu"), 42);

        VideoSegException error = Assert.Throws<VideoSegException>(() => new RefineStage(options));

        Assert.Equal(ErrorCodes.InvalidArgument, error.Code);
        Assert.Contains("--reference motion=", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownPropagationNamesTheAllowedValues()
    {
        VideoSegException error = Assert.Throws<VideoSegException>(() => PropagationFlowNames.Parse("sideways"));

        Assert.Equal(ErrorCodes.InvalidArgument, error.Code);
        Assert.Contains("source-to-target, target-to-source", error.Message, StringComparison.Ordinal);
        Assert.Equal(PropagationFlow.TargetToSource, PropagationFlowNames.Parse("target-to-source"));
    }
}
