using System.IO;
using VideoSeg.Core.IO;
using VideoSeg.TestUtilities;
using Xunit;

namespace VideoSeg.Core.Tests.IO;

public sealed class ContentHashTests
{
    [Fact]
    public void DirectoryHashDependsOnContentAndNamesButNotTimestamps()
    {
        using var temp = new TempDirectory();
        string dir = temp.Combine("d");
        Directory.CreateDirectory(Path.Combine(dir, "sub"));
        File.WriteAllText(Path.Combine(dir, "sub", "x.txt"), "x");
        File.WriteAllText(Path.Combine(dir, "y.txt"), "y");
        string first = ContentHash.OfDirectory(dir);

        File.SetLastWriteTimeUtc(Path.Combine(dir, "y.txt"), new System.DateTime(2001, 1, 1, 0, 0, 0, System.DateTimeKind.Utc));
        Assert.Equal(first, ContentHash.OfDirectory(dir));

        File.WriteAllText(Path.Combine(dir, "y.txt"), "z");
        Assert.NotEqual(first, ContentHash.OfDirectory(dir));

        File.WriteAllText(Path.Combine(dir, "y.txt"), "y");
        File.Move(Path.Combine(dir, "y.txt"), Path.Combine(dir, "w.txt"));
        Assert.NotEqual(first, ContentHash.OfDirectory(dir));
    }

    [Fact]
    public void TemporaryFilesAreIgnored()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Combine("a.txt"), "a");
        string before = ContentHash.OfDirectory(temp.Path);

        File.WriteAllText(temp.Combine("a.txt.123.tmp"), "partial");

        Assert.Equal(before, ContentHash.OfDirectory(temp.Path));
    }
}
