using System;
using System.IO;
using System.Threading.Tasks;
using VideoSeg.Core;
using VideoSeg.Data.Acquisition;
using VideoSeg.TestUtilities;
using Xunit;

namespace VideoSeg.Data.Tests.Acquisition;

public sealed class ArchiveSafetyTests
{
    [Fact]
    public async Task Acquire_ArchiveWithAnEntryEscapingTheFolder_IsRejectedWhole()
    {
        using var temp = new TempDirectory();
        string datasets = temp.Combine("datasets");
        byte[] zip = FixtureArchives.Davis(extra: [("DAVIS/../../evil.txt", FixtureArchives.Text("owned"))]);
        string archive = temp.Combine("DAVIS-data.zip");
        File.WriteAllBytes(archive, zip);

        var error = await Assert.ThrowsAsync<VideoSegException>(() => new DatasetAcquirer().AcquireAsync(
            "davis2016", datasets, new AcquireOptions { ArchivePath = archive, Sha256 = FixtureArchives.Sha256(zip) }));

        Assert.Equal(ErrorCodes.BadLayout, error.Code);
        Assert.Contains("zip slip", error.Message, StringComparison.Ordinal);
        Assert.Contains("DAVIS/../../evil.txt", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.Combine("evil.txt")));
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(temp.Path)!, "evil.txt")));
        Assert.False(Directory.Exists(Path.Combine(datasets, "davis2016")));
        Assert.False(Directory.Exists(Path.Combine(datasets, "davis2016" + DatasetAcquirer.PartialSuffix)));
    }

    [Theory]
    [InlineData("/JPEGImages/480p/../00000.jpg /Annotations/480p/../00000.png\n")]
    [InlineData("/JPEGImages/480p/../../../evil/00000.jpg /Annotations/480p/../../../evil/00000.png\n")]
    [InlineData("/JPEGImages/480p/blackswan/00000.jpg /Annotations/480p/camel/00000.png\n")]
    public async Task Acquire_SplitListNamingAPathOutsideTheLayout_IsRejected(string valList)
    {
        using var temp = new TempDirectory();
        byte[] zip = FixtureArchives.Davis(valList: valList);
        string archive = temp.Combine("DAVIS-data.zip");
        File.WriteAllBytes(archive, zip);

        var error = await Assert.ThrowsAsync<VideoSegException>(() => new DatasetAcquirer().AcquireAsync(
            "davis2016", temp.Combine("datasets"), new AcquireOptions { ArchivePath = archive, SkipChecksum = true }));

        Assert.Equal(ErrorCodes.BadLayout, error.Code);
        Assert.Contains("val.txt line 1", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.Combine("evil")));
        Assert.False(Directory.Exists(temp.Combine("datasets", "davis2016")));
    }

    [Fact]
    public async Task Acquire_FileThatIsNotAZip_FailsWithBadLayout()
    {
        using var temp = new TempDirectory();
        string archive = temp.Combine("SegTrackv2.zip");
        File.WriteAllText(archive, "<html>mirror error page</html>");

        var error = await Assert.ThrowsAsync<VideoSegException>(() => new DatasetAcquirer().AcquireAsync(
            "segtrackv2", temp.Combine("datasets"), new AcquireOptions { ArchivePath = archive }));

        Assert.Equal(ErrorCodes.BadLayout, error.Code);
        Assert.Equal(archive, error.Path);
        Assert.False(Directory.Exists(temp.Combine("datasets", "segtrackv2" + DatasetAcquirer.PartialSuffix)));
    }
}
