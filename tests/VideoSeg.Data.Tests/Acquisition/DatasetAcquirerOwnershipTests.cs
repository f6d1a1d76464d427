using System;
using System.IO;
using System.Threading.Tasks;
using VideoSeg.Core;
using VideoSeg.Data.Acquisition;
using VideoSeg.TestUtilities;
using Xunit;

namespace VideoSeg.Data.Tests.Acquisition;

/// <summary>
/// An acquisition deletes or replaces only what VideoSeg made: a dataset folder with its marker (or an
/// empty one), a <c>.partial</c> folder with the partial marker, an <c>.old</c> folder with the marker.
/// A user's folder in any of those places is refused with OutputNotOwned, even when overwriting is asked.
/// </summary>
public sealed class DatasetAcquirerOwnershipTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ForceDoesNotReplaceAFolderVideoSegDidNotMake(bool overwrite)
    {
        using var temp = new TempDirectory();
        AcquireOptions options = Options(temp) with { Overwrite = overwrite };
        string root = temp.Combine("davis2016");
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, "mine.txt"), "user data");

        var error = await Assert.ThrowsAsync<VideoSegException>(() => new DatasetAcquirer().AcquireAsync("davis2016", temp.Path, options));

        Assert.Equal(ErrorCodes.OutputNotOwned, error.Code);
        Assert.Equal(root, error.Path);
        Assert.Contains($"'{root}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("not made by VideoSeg", error.Message, StringComparison.Ordinal);
        Assert.Equal("user data", File.ReadAllText(Path.Combine(root, "mine.txt")));
        Assert.False(Directory.Exists(root + DatasetAcquirer.PartialSuffix));
    }

    [Fact]
    public async Task AFolderWithACorruptMarkerIsNotVideoSegsToReplace()
    {
        using var temp = new TempDirectory();
        string root = temp.Combine("davis2016");
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, DatasetAcquirer.MarkerFileName), "{ not json");
        File.WriteAllText(Path.Combine(root, "mine.txt"), "user data");

        var error = await Assert.ThrowsAsync<VideoSegException>(() => new DatasetAcquirer().AcquireAsync("davis2016", temp.Path, Options(temp) with { Overwrite = true }));

        Assert.Equal(ErrorCodes.OutputNotOwned, error.Code);
        Assert.True(File.Exists(Path.Combine(root, "mine.txt")));
    }

    [Fact]
    public async Task AFileWhereTheDatasetFolderGoesIsNotReplaced()
    {
        using var temp = new TempDirectory();
        string root = temp.Combine("davis2016");
        File.WriteAllText(root, "user data");

        var error = await Assert.ThrowsAsync<VideoSegException>(() => new DatasetAcquirer().AcquireAsync("davis2016", temp.Path, Options(temp) with { Overwrite = true }));

        Assert.Equal(ErrorCodes.OutputNotOwned, error.Code);
        Assert.Equal("user data", File.ReadAllText(root));
    }

    [Fact]
    public async Task AnEmptyFolderIsFilledWithoutForce()
    {
        using var temp = new TempDirectory();
        string root = temp.Combine("davis2016");
        Directory.CreateDirectory(root);

        AcquisitionResult result = await new DatasetAcquirer().AcquireAsync("davis2016", temp.Path, Options(temp));

        Assert.Equal(6, result.TotalFrames);
        Assert.NotNull(DatasetAcquirer.ReadMarker(root));
        Assert.False(Directory.Exists(root + DatasetAcquirer.OldSuffix));
    }

    [Fact]
    public async Task ForceReplacesADatasetAnEarlierAcquisitionMade()
    {
        using var temp = new TempDirectory();
        AcquireOptions options = Options(temp);
        string root = temp.Combine("davis2016");
        await new DatasetAcquirer().AcquireAsync("davis2016", temp.Path, options);

        var error = await Assert.ThrowsAsync<VideoSegException>(() => new DatasetAcquirer().AcquireAsync("davis2016", temp.Path, options with { Splits = ["train"] }));
        Assert.Equal(ErrorCodes.BadLayout, error.Code);

        AcquisitionResult result = await new DatasetAcquirer().AcquireAsync("davis2016", temp.Path, options with { Splits = ["train"], Overwrite = true });

        Assert.Equal(["train"], DatasetAcquirer.ReadMarker(root)!.Splits);
        Assert.Equal(2, result.TotalFrames);
        Assert.False(Directory.Exists(Path.Combine(root, "JPEGImages", "480p", "camel")));
        Assert.False(Directory.Exists(root + DatasetAcquirer.OldSuffix));
        Assert.False(Directory.Exists(root + DatasetAcquirer.PartialSuffix));
        Assert.False(File.Exists(Path.Combine(root, DatasetAcquirer.PartialMarkerFileName)));
    }

    [Fact]
    public async Task APartialFolderVideoSegDidNotMakeIsNotDeleted()
    {
        using var temp = new TempDirectory();
        string partial = temp.Combine("davis2016" + DatasetAcquirer.PartialSuffix);
        Directory.CreateDirectory(partial);
        File.WriteAllText(Path.Combine(partial, "mine.txt"), "user data");

        var error = await Assert.ThrowsAsync<VideoSegException>(() => new DatasetAcquirer().AcquireAsync("davis2016", temp.Path, Options(temp) with { Overwrite = true }));

        Assert.Equal(ErrorCodes.OutputNotOwned, error.Code);
        Assert.Equal(partial, error.Path);
        Assert.Contains("not made by VideoSeg", error.Message, StringComparison.Ordinal);
        Assert.Equal("user data", File.ReadAllText(Path.Combine(partial, "mine.txt")));
        Assert.False(Directory.Exists(temp.Combine("davis2016")));
    }

    [Fact]
    public async Task AnOldFolderVideoSegDidNotMakeIsNotDeleted()
    {
        using var temp = new TempDirectory();
        AcquireOptions options = Options(temp);
        string root = temp.Combine("davis2016");
        AcquisitionResult first = await new DatasetAcquirer().AcquireAsync("davis2016", temp.Path, options);
        string old = root + DatasetAcquirer.OldSuffix;
        Directory.CreateDirectory(old);
        File.WriteAllText(Path.Combine(old, "mine.txt"), "user data");

        var error = await Assert.ThrowsAsync<VideoSegException>(() => new DatasetAcquirer().AcquireAsync("davis2016", temp.Path, options with { Splits = ["train"], Overwrite = true }));

        Assert.Equal(ErrorCodes.OutputNotOwned, error.Code);
        Assert.Equal(old, error.Path);
        Assert.Equal("user data", File.ReadAllText(Path.Combine(old, "mine.txt")));
        Assert.Equal(first.ContentSha256, DatasetAcquirer.ReadMarker(root)!.ContentSha256);
        Assert.False(Directory.Exists(root + DatasetAcquirer.PartialSuffix));
    }

    [Fact]
    public async Task AnOldFolderLeftByAnInterruptedReplacementIsDiscarded()
    {
        using var temp = new TempDirectory();
        AcquireOptions options = Options(temp);
        string root = temp.Combine("davis2016");
        await new DatasetAcquirer().AcquireAsync("davis2016", temp.Path, options with { FolderName = "elsewhere" });
        await new DatasetAcquirer().AcquireAsync("davis2016", temp.Path, options);
        Directory.Move(temp.Combine("elsewhere"), root + DatasetAcquirer.OldSuffix);

        AcquisitionResult result = await new DatasetAcquirer().AcquireAsync("davis2016", temp.Path, options with { Splits = ["train"], Overwrite = true });

        Assert.Equal(2, result.TotalFrames);
        Assert.False(Directory.Exists(root + DatasetAcquirer.OldSuffix));
    }

    private static AcquireOptions Options(TempDirectory temp)
    {
        string archive = temp.Combine("DAVIS-data.zip");
        if (!File.Exists(archive))
        {
            File.WriteAllBytes(archive, FixtureArchives.Davis());
        }

        return new AcquireOptions { ArchivePath = archive, Sha256 = FixtureArchives.Sha256(File.ReadAllBytes(archive)) };
    }
}
