using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using VideoSeg.Core;
using VideoSeg.Reports.Fonts;
using VideoSeg.Reports.Plots;
using VideoSeg.TestUtilities;
using Xunit;

namespace VideoSeg.Reports.Tests.Plots;

public sealed class IterationCurvePlotTests
{
    private static readonly IterationCurvePoint[] s_points =
    [
        new("DAVIS 2016", "RAFT", 0, 0.795),
        new("DAVIS 2016", "RAFT", 1, 0.801),
        new("DAVIS 2016", "RAFT", 2, 0.78),
        new("DAVIS 2016", "RAFT", 4, 0.74),
        new("DAVIS 2016", "RAFT", 8, 0.69),
        new("synthetic", "ground-truth flow", 0, 0.6),
        new("synthetic", "ground-truth flow", 8, 0.75),
        new("synthetic", "ground-truth flow", 4, 0.7),
    ];

    [Theory]
    [InlineData(8, 1)]
    [InlineData(12, 1)]
    [InlineData(20, 2)]
    [InlineData(100, 10)]
    [InlineData(7000, 1000)]
    public void TheIterationAxisIsLabelledInRoundSteps(int maxIteration, int interval) =>
        Assert.Equal(interval, IterationCurvePlot.TickInterval(maxIteration));

    [Fact]
    public void The_png_has_the_fixed_pixel_size()
    {
        using var temp = new TempDirectory();
        IterationCurvePlot.Write(temp.Combine("fig7.png"), temp.Combine("fig7.svg"), s_points);
        Assert.Equal((800, 500), PngHeader.ReadSize(File.ReadAllBytes(temp.Combine("fig7.png"))));

        IterationCurvePlot.Write(temp.Combine("small.png"), temp.Combine("small.svg"), s_points, new IterationCurvePlotOptions(Width: 640, Height: 360));
        Assert.Equal((640, 360), PngHeader.ReadSize(File.ReadAllBytes(temp.Combine("small.png"))));
    }

    [Fact]
    public void Writing_twice_gives_identical_svg_and_png_bytes()
    {
        using var temp = new TempDirectory();
        IterationCurvePlot.Write(temp.Combine("a.png"), temp.Combine("a.svg"), s_points);
        IterationCurvePlot.Write(temp.Combine("b.png"), temp.Combine("b.svg"), s_points);
        Assert.Equal(File.ReadAllBytes(temp.Combine("a.svg")), File.ReadAllBytes(temp.Combine("b.svg")));
        Assert.Equal(File.ReadAllBytes(temp.Combine("a.png")), File.ReadAllBytes(temp.Combine("b.png")));
        Assert.Empty(Directory.GetFiles(temp.Path, "*.tmp"));
    }

    [Fact]
    public void Every_text_in_the_svg_uses_the_repository_font()
    {
        using var temp = new TempDirectory();
        IterationCurvePlot.Write(temp.Combine("fig7.png"), temp.Combine("fig7.svg"), s_points);
        string svg = File.ReadAllText(temp.Combine("fig7.svg"));

        string[] families = Regex.Matches(svg, "font-family=\"([^\"]*)\"").Select(m => m.Groups[1].Value).Distinct().ToArray();
        Assert.NotEmpty(families);
        Assert.All(families, f => Assert.Equal(RepositoryFont.FamilyName, f));
        Assert.Contains("Mean J", svg, StringComparison.Ordinal);
        Assert.Contains("DAVIS 2016: RAFT", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void No_points_or_a_non_finite_value_is_refused()
    {
        using var temp = new TempDirectory();
        var empty = Assert.Throws<VideoSegException>(() => IterationCurvePlot.Write(temp.Combine("a.png"), temp.Combine("a.svg"), []));
        Assert.Equal(ErrorCodes.InvalidArgument, empty.Code);
        Assert.Throws<VideoSegException>(() => IterationCurvePlot.Write(temp.Combine("a.png"), temp.Combine("a.svg"), [new IterationCurvePoint("d", "s", 0, double.NaN)]));
        Assert.False(File.Exists(temp.Combine("a.png")));
    }
}
