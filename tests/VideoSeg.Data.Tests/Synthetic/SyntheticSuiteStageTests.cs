using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using VideoSeg.Core;
using VideoSeg.Core.IO;
using VideoSeg.Core.Pipeline;
using VideoSeg.Data.Synthetic;
using VideoSeg.TestUtilities;
using Xunit;

namespace VideoSeg.Data.Tests.Synthetic;

public sealed class SyntheticSuiteStageTests
{
    private static readonly SyntheticSuiteOptions s_tiny = new() { Sequences = 2, MinFrames = 3, MaxFrames = 4, Height = 32, Width = 48, Seed = 7 };

    [Fact]
    public async Task WritesTheGeneratorsSuiteReportsEachSequenceAndIsThenUpToDate()
    {
        using var temp = new TempDirectory();
        var options = new SyntheticSuiteStageOptions(temp.Combine("suite"), s_tiny);
        var progress = new RecordingProgress<StageProgress>();

        StageOutcome first = await new SyntheticSuiteStage(options).RunAsync(force: false, progress, CancellationToken.None);
        StageOutcome second = await new SyntheticSuiteStage(options).RunAsync(force: false, progress, CancellationToken.None);

        Assert.True(first.Ran);
        Assert.False(second.Ran);
        Assert.Equal(2, progress.Reports.Count);
        Assert.All(progress.Reports, r => Assert.Equal((StageProgressKind.Step, 2), (r.Kind, r.Total)));
        SyntheticSuiteGenerator.Generate(temp.Combine("direct"), s_tiny);
        Assert.Equal(ContentHash.OfDirectory(temp.Combine("direct")), ContentHash.OfDirectory(first.OutputDirectory));
        Assert.Equal(2, new DatasetLayout(first.OutputDirectory).ReadSequences().Count);
    }

    [Fact]
    public async Task ADifferentSeedRunsItAgain()
    {
        using var temp = new TempDirectory();
        string output = temp.Combine("suite");
        await new SyntheticSuiteStage(new SyntheticSuiteStageOptions(output, s_tiny)).RunAsync(force: false, null, CancellationToken.None);

        StageOutcome reseeded = await new SyntheticSuiteStage(new SyntheticSuiteStageOptions(output, s_tiny with { Seed = 8 })).RunAsync(force: false, null, CancellationToken.None);

        Assert.True(reseeded.Ran);
        Assert.True(File.Exists(reseeded.StampPath));
        Assert.Contains("Seed = 8", new SyntheticSuiteStage(new SyntheticSuiteStageOptions(output, s_tiny)).Describe().ReadStamp()!.Parameters["options"], StringComparison.Ordinal);
    }

    [Fact]
    public void OptionsOutOfRangeAreRejectedBeforeAnyWork()
    {
        var error = Assert.Throws<VideoSegException>(() => new SyntheticSuiteStage(new SyntheticSuiteStageOptions("suite", s_tiny with { MinFrames = 2 })));

        Assert.Equal(ErrorCodes.InvalidArgument, error.Code);
    }
}
