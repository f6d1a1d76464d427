using SkiaSharp;
using VideoSeg.Reports.Fonts;
using Xunit;

namespace VideoSeg.Reports.Tests.Fonts;

public sealed class RepositoryFontTests
{
    [Fact]
    public void The_embedded_file_is_a_truetype_font_of_the_named_family()
    {
        Assert.True(RepositoryFont.Bytes.Length > 100_000);
        Assert.Equal(new byte[] { 0, 1, 0, 0 }, RepositoryFont.Bytes[..4].ToArray());
        Assert.Equal(RepositoryFont.FamilyName, RepositoryFont.Typeface.FamilyName);
    }

    [Fact]
    public void ScottPlot_resolves_the_registered_name_to_the_embedded_font_once_registered()
    {
        RepositoryFont.RegisterWithScottPlot();
        RepositoryFont.RegisterWithScottPlot();

        Assert.Single(ScottPlot.Fonts.FontResolvers, r => r.GetType().FullName == "VideoSeg.Reports.Fonts.EmbeddedFontResolver");
        SKTypeface typeface = ScottPlot.Fonts.GetTypeface(RepositoryFont.ScottPlotFontName, bold: false, italic: false);
        Assert.Equal(RepositoryFont.FamilyName, typeface.FamilyName);
        Assert.Equal(RepositoryFont.Typeface.GlyphCount, typeface.GlyphCount);
    }
}
