using VideoSeg.Core.IO;
using VideoSeg.Core.Pipeline;
using Xunit;

namespace VideoSeg.Core.Tests.Pipeline;

public sealed class CodeFingerprintTests
{
    [Fact]
    public void SameCodeGivesTheSameFingerprint()
    {
        Assert.Equal(CodeFingerprint.Of(typeof(IncrementalStage), null), CodeFingerprint.Of(typeof(IncrementalStage), null));
        Assert.Equal(CodeFingerprint.Of(typeof(IncrementalStage), null), CodeFingerprint.Of(typeof(ContentHash), null));
    }

    [Fact]
    public void AnEditOfTheStagesOwnAssemblyChangesIt()
    {
        string before = CodeFingerprint.Of(typeof(IncrementalStage), null);

        Assert.NotEqual(before, CodeFingerprint.Of(typeof(IncrementalStage), "VideoSeg.Core=edit1"));
        Assert.NotEqual(CodeFingerprint.Of(typeof(IncrementalStage), "VideoSeg.Core=edit1"), CodeFingerprint.Of(typeof(IncrementalStage), "VideoSeg.Core=edit2"));
    }

    [Fact]
    public void AnEditOfAReferencedAssemblyChangesTheReferencingStage()
    {
        // This test assembly references VideoSeg.Core: code in it runs Core's code, so Core is part of its fingerprint.
        Assert.NotEqual(
            CodeFingerprint.Of(typeof(CodeFingerprintTests), null),
            CodeFingerprint.Of(typeof(CodeFingerprintTests), "VideoSeg.Core=edit1"));
    }

    [Fact]
    public void AnEditOutsideTheStagesCodeLeavesItAlone()
    {
        string before = CodeFingerprint.Of(typeof(IncrementalStage), null);

        // Core references no other VideoSeg assembly, and the test host is not the videoseg program.
        Assert.Equal(before, CodeFingerprint.Of(typeof(IncrementalStage), "VideoSeg.Reports=edit1"));
        Assert.Equal(before, CodeFingerprint.Of(typeof(IncrementalStage), "VideoSeg.Core.Tests=edit1"));
    }

    [Fact]
    public void MalformedEditPairsAreIgnored()
    {
        string before = CodeFingerprint.Of(typeof(IncrementalStage), null);

        Assert.Equal(before, CodeFingerprint.Of(typeof(IncrementalStage), ";; =x;VideoSeg.Core; "));
    }
}
