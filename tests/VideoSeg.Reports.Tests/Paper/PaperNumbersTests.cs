using System;
using System.Linq;
using VideoSeg.Reports.Paper;
using Xunit;

namespace VideoSeg.Reports.Tests.Paper;

public sealed class PaperNumbersTests
{
    [Theory]
    [InlineData(PaperNumbers.Table1, PaperNumbers.GwmRow, "DAVIS 2016", 79.5)]
    [InlineData(PaperNumbers.Table1, PaperNumbers.InitialRefinementRow, "DAVIS 2016", 72.3)]
    [InlineData(PaperNumbers.Table2, PaperNumbers.Gwm2MasksRow, "SegTrackV2: soldier", 72.4)]
    [InlineData(PaperNumbers.Table2, PaperNumbers.ConsistencyRow, "SegTrackV2: soldier", 75.9)]
    [InlineData(PaperNumbers.Table2, PaperNumbers.Gwm2MasksRow, "SegTrackV2: hummingbird", 62.7)]
    [InlineData(PaperNumbers.Table2, PaperNumbers.ConsistencyRow, "SegTrackV2: hummingbird", 71.6)]
    [InlineData(PaperNumbers.Table2, PaperNumbers.Gwm2MasksRow, "SegTrackV2: bmx", 64.2)]
    [InlineData(PaperNumbers.Table2, PaperNumbers.ConsistencyRow, "SegTrackV2: bmx", 74.2)]
    [InlineData(PaperNumbers.Table2, PaperNumbers.Gwm2MasksRow, "SegTrackV2: all", 63.6)]
    [InlineData(PaperNumbers.Table2, PaperNumbers.ConsistencyRow, "SegTrackV2: all", 63.8)]
    [InlineData(PaperNumbers.GwmReleased, PaperNumbers.GwmReleasedRow, "DAVIS 2016", 79.56)]
    [InlineData(PaperNumbers.GwmReleased, PaperNumbers.GwmReleasedRow, "SegTrackV2", 78.31)]
    [InlineData(PaperNumbers.GwmReleased, PaperNumbers.GwmReleasedRow, "FBMS-59", 77.53)]
    public void The_catalogue_holds_the_published_figure(string artifact, string row, string dataset, double value)
    {
        PaperFigure figure = Assert.Single(PaperNumbers.All, f => f.Artifact == artifact && f.Row == row && f.Dataset == dataset);
        Assert.Equal(value, figure.Value);
        Assert.False(string.IsNullOrWhiteSpace(figure.Source));
    }

    [Fact]
    public void Only_legible_figures_are_catalogued()
    {
        Assert.Equal(13, PaperNumbers.All.Count);
        Assert.Equal(2, PaperNumbers.All.Count(f => f.Artifact == PaperNumbers.Table1));
        Assert.Contains(PaperNumbers.Caveats, c => c.Contains("not legible", StringComparison.Ordinal));
    }

    [Fact]
    public void GWM_checkpoint_numbers_are_labelled_as_not_from_the_paper()
    {
        Assert.All(
            PaperNumbers.All.Where(f => f.Artifact == PaperNumbers.GwmReleased),
            f => Assert.Contains("not the seed paper", f.Source, StringComparison.Ordinal));
        Assert.All(
            PaperNumbers.All.Where(f => f.Artifact == PaperNumbers.Table1),
            f => Assert.StartsWith("Sec. 5.2 text", f.Source, StringComparison.Ordinal));
    }
}
