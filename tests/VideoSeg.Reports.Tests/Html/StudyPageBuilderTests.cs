using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using VideoSeg.Core;
using VideoSeg.Core.Pipeline;
using VideoSeg.Reports.Html;
using VideoSeg.TestUtilities;
using Xunit;

namespace VideoSeg.Reports.Tests.Html;

public sealed class StudyPageBuilderTests
{
    [Fact]
    public void NumericsListsWhatTheStampsPinnedAndSaysSoWhenNothingWas()
    {
        StageStamp train = new("train", "in", "out", new Dictionary<string, string> { ["device"] = "cpu", ["cpu-capability"] = "avx2", ["intra-op-threads"] = "2" }, 1);
        StageStamp evaluate = new("evaluate", "in", "out", new Dictionary<string, string> { ["options"] = "x" }, 1);

        Assert.Equal("train: cpu-capability=avx2; train: intra-op-threads=2", StudyPageBuilder.Numerics([train, evaluate]));
        Assert.StartsWith("not pinned", StudyPageBuilder.Numerics([evaluate]), StringComparison.Ordinal);
    }

    [Fact]
    public void LinksEveryFileAndEscapesTheirPaths()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Combine("table1.csv"), "a");
        File.WriteAllText(temp.Combine("odd name #1.png"), new string('x', 2048));

        IReadOnlyList<PageLink> links = StudyPageBuilder.Links(temp.Path, ["manifest.json"]);

        Assert.Equal(["manifest.json", "odd name #1.png", "table1.csv"], links.Select(l => l.Name));
        Assert.Equal("odd%20name%20%231.png", links[1].Href);
        Assert.Equal("2.0 KiB", links[1].Size);
        Assert.Equal("written after this page", links[0].Size);
    }

    [Fact]
    public void AFigureThatIsMissingIsOneErrorNamingIt()
    {
        using var temp = new TempDirectory();

        var error = Assert.Throws<VideoSegException>(() => StudyPageBuilder.ImageFigure(temp.Path, "figure9", "t", "c", "figure9-x.png"));

        Assert.Equal(ErrorCodes.MissingFile, error.Code);
        Assert.Equal(temp.Combine("figure9-x.png"), error.Path);
    }
}
