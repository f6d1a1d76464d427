using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using VideoSeg.Core;
using VideoSeg.Core.IO;
using VideoSeg.Core.Pipeline;
using VideoSeg.Flow.Devices;
using VideoSeg.Models.BaseMasks;
using VideoSeg.Models.Foreground;
using VideoSeg.Models.Tests.Training;
using VideoSeg.TestUtilities;
using Xunit;

namespace VideoSeg.Models.Tests.BaseMasks;

public sealed class BaseMasksStageTests : IClassFixture<TinySuiteFixture>
{
    private readonly TinySuiteFixture _suite;

    public BaseMasksStageTests(TinySuiteFixture suite) => _suite = suite;

    [Fact]
    public async Task TheMotionBaselineWritesAMaskPerFrameAndIsThenUpToDate()
    {
        using var temp = new TempDirectory();
        BaseMasksStageOptions options = Options(temp.Combine("motion"), BaseMaskSourceKind.Motion);

        StageOutcome first = await new BaseMasksStage(options).RunAsync(force: false, null, CancellationToken.None);
        StageOutcome second = await new BaseMasksStage(options).RunAsync(force: false, null, CancellationToken.None);

        Assert.True(first.Ran);
        Assert.False(second.Ran);
        foreach (string sequence in _suite.Layout.ReadSequences())
        {
            Assert.Equal(
                Directory.GetFiles(Path.Combine(_suite.Layout.FramesRoot, sequence)).Length,
                Directory.GetFiles(Path.Combine(first.OutputDirectory, sequence), "*.png").Length);
        }

        StageStamp stamp = new BaseMasksStage(options).Describe().ReadStamp()!;
        Assert.Equal("motion", stamp.Parameters["source"]);
        Assert.Equal("cpu -> cpu", stamp.Parameters["device"]);
    }

    [Fact]
    public async Task ImportedMasksAtTheFlowsResolutionComeThroughUnchanged()
    {
        using var temp = new TempDirectory();
        StageOutcome motion = await new BaseMasksStage(Options(temp.Combine("motion"), BaseMaskSourceKind.Motion)).RunAsync(force: false, null, CancellationToken.None);

        StageOutcome imported = await new BaseMasksStage(Options(temp.Combine("imported"), BaseMaskSourceKind.Import) with { Import = motion.OutputDirectory })
            .RunAsync(force: false, null, CancellationToken.None);

        Assert.Equal(ContentHash.OfDirectory(motion.OutputDirectory), ContentHash.OfDirectory(imported.OutputDirectory));
    }

    [Fact]
    public void ASourceWithoutWhatItReadsIsRejectedBeforeAnyWork()
    {
        using var temp = new TempDirectory();
        string emptyModel = temp.Combine("model");
        Directory.CreateDirectory(emptyModel);

        var import = Assert.Throws<VideoSegException>(() => new BaseMasksStage(Options(temp.Combine("out"), BaseMaskSourceKind.Import)));
        var gwm = Assert.Throws<VideoSegException>(() => new BaseMasksStage(Options(temp.Combine("out"), BaseMaskSourceKind.Gwm)));
        var noCheckpoint = Assert.Throws<VideoSegException>(() => new BaseMasksStage(Options(temp.Combine("out"), BaseMaskSourceKind.Gwm) with { Model = emptyModel }));

        Assert.Equal(ErrorCodes.InvalidArgument, import.Code);
        Assert.Equal(ErrorCodes.InvalidArgument, gwm.Code);
        Assert.Contains("--model", gwm.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorCodes.MissingFile, noCheckpoint.Code);
        Assert.False(Directory.Exists(temp.Combine("out")));
    }

    private BaseMasksStageOptions Options(string output, BaseMaskSourceKind source) =>
        new(_suite.Layout.Root, _suite.FlowsRoot, output, source, null, null, ForegroundSelectorKind.CornerRule, 4, null, null, DeviceChoice.Resolve("cpu"));
}
