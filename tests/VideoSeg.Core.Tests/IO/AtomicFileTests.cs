using System;
using System.IO;
using VideoSeg.Core.IO;
using VideoSeg.TestUtilities;
using Xunit;

namespace VideoSeg.Core.Tests.IO;

public sealed class AtomicFileTests
{
    [Fact]
    public void AFailedWriteLeavesThePreviousContentAndNoTemporaryFile()
    {
        using var temp = new TempDirectory();
        string path = temp.Combine("out.txt");
        AtomicFile.WriteAllText(path, "old");

        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, s =>
        {
            s.WriteByte(1);
            throw new InvalidOperationException("interrupted");
        }));

        Assert.Equal("old", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void CreatesMissingFoldersAndReplacesExistingFiles()
    {
        using var temp = new TempDirectory();
        string path = temp.Combine("a", "b", "c.bin");

        AtomicFile.WriteAllBytes(path, [1, 2, 3]);
        AtomicFile.WriteAllBytes(path, [4]);

        Assert.Equal([4], File.ReadAllBytes(path));
    }
}
