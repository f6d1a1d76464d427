using System;
using System.Linq;
using VideoSeg.Core;
using VideoSeg.Data.Acquisition;
using Xunit;

namespace VideoSeg.Data.Tests.Acquisition;

public sealed class DatasetCatalogTests
{
    [Fact]
    public void Davis2016_ListsThePublishedSplitsAndCounts()
    {
        DatasetCatalogEntry davis = DatasetCatalog.Get("DAVIS2016");

        Assert.Same(DatasetCatalog.Davis2016, davis);
        Assert.Equal("val", davis.DefaultSplit);
        Assert.Equal(20, davis.Splits["val"].Count);
        Assert.Equal(1376, davis.Splits["val"].Sum(s => davis.PublishedFrameCounts[s]));
        Assert.Equal(30, davis.Splits["train"].Count);
        Assert.Equal(2079, davis.Splits["train"].Sum(s => davis.PublishedFrameCounts[s]));
        Assert.Empty(davis.Splits["val"].Intersect(davis.Splits["train"]));
        Assert.Equal("0cb3cf9c5617209fa3cc4794e52a2ffa", davis.Md5);
        Assert.Contains("stale", davis.ChecksumNote, StringComparison.Ordinal);
        Assert.Equal(2, davis.Urls.Count);
        Assert.All(davis.Urls, u => Assert.Equal(Uri.UriSchemeHttps, u.Scheme));
        Assert.Contains("CC BY-NC 4.0", davis.Licence, StringComparison.Ordinal);
    }

    [Fact]
    public void SegTrackV2_HasFourteenSequencesAndNoChecksum()
    {
        DatasetCatalogEntry segTrack = DatasetCatalog.Get("segtrackv2");

        Assert.Equal(14, segTrack.Splits["all"].Count);
        Assert.Equal(976, segTrack.PublishedFrameCounts.Values.Sum());
        Assert.Null(segTrack.Md5);
        Assert.Null(segTrack.Sha256);
        Assert.Equal("SegTrackv2.zip", segTrack.ArchiveFileName);
    }

    [Fact]
    public void Get_UnknownName_FailsNamingTheKnownOnes()
    {
        var error = Assert.Throws<VideoSegException>(() => DatasetCatalog.Get("davis2017"));

        Assert.Equal(ErrorCodes.UnknownConfiguration, error.Code);
        Assert.Contains("davis2016, segtrackv2", error.Message, StringComparison.Ordinal);
    }
}
