using System.IO;
using VideoSeg.Core.Pipeline;
using VideoSeg.TestUtilities;
using Xunit;

namespace VideoSeg.Core.Tests.Pipeline;

public sealed class ResumeFolderTests
{
    [Fact]
    public void WorkOfTheSameKeyIsKeptAndWorkOfAnotherKeyIsDiscarded()
    {
        using var temp = new TempDirectory();
        var folder = new ResumeFolder(temp.Combine("out.training"));

        Assert.False(folder.Prepare("key-1"));
        File.WriteAllText(Path.Combine(folder.Path, "checkpoint"), "work");
        Assert.False(folder.Prepare("key-1"));
        Assert.True(File.Exists(Path.Combine(folder.Path, "checkpoint")));

        Assert.True(folder.Prepare("key-2"));
        Assert.False(File.Exists(Path.Combine(folder.Path, "checkpoint")));
        Assert.Equal("key-2\n", File.ReadAllText(Path.Combine(folder.Path, ResumeFolder.KeyFileName)));
    }

    [Fact]
    public void AFolderWithoutAKeyIsNotVideoSegsAndIsRefused()
    {
        using var temp = new TempDirectory();
        var folder = new ResumeFolder(temp.Combine("out.training"));
        Directory.CreateDirectory(folder.Path);
        File.WriteAllText(Path.Combine(folder.Path, "thesis.tex"), "mine");

        var error = Assert.Throws<VideoSegException>(() => folder.CheckOwned("an earlier run"));

        Assert.Equal(ErrorCodes.OutputNotOwned, error.Code);
        Assert.True(File.Exists(Path.Combine(folder.Path, "thesis.tex")));
    }

    [Fact]
    public void ResetEmptiesTheFolderAndKeysItAgain()
    {
        using var temp = new TempDirectory();
        var folder = new ResumeFolder(temp.Combine("out.training"));
        folder.Prepare("key");
        File.WriteAllText(Path.Combine(folder.Path, "checkpoint"), "work");

        folder.Reset("key");

        Assert.Equal([Path.Combine(folder.Path, ResumeFolder.KeyFileName)], Directory.GetFiles(folder.Path));
    }
}
