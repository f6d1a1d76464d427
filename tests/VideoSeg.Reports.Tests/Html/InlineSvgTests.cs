using System;
using System.IO;
using VideoSeg.Core;
using VideoSeg.Reports.Html;
using VideoSeg.TestUtilities;
using Xunit;

namespace VideoSeg.Reports.Tests.Html;

public sealed class InlineSvgTests
{
    private const string Plot = """
        <?xml version="1.0" encoding="utf-8" ?>
        <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="800" height="500" onload="alert(1)">
          <clipPath id="cl_1"><rect width="10" height="10"/></clipPath>
          <g clip-path="url(#cl_1)"><use xlink:href="#cl_1"/><rect fill="url(#elsewhere)"/></g>
          <script>alert(2)</script>
          <foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>
        </svg>
        """;

    [Fact]
    public void ScopesIdentifiersAndTheirReferencesToTheFigure()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Combine("plot.svg"), Plot);

        string svg = InlineSvg.Read(temp.Combine("plot.svg"), "figure8");

        Assert.Contains("id=\"figure8-cl_1\"", svg, StringComparison.Ordinal);
        Assert.Contains("clip-path=\"url(#figure8-cl_1)\"", svg, StringComparison.Ordinal);
        Assert.Contains("href=\"#figure8-cl_1\"", svg, StringComparison.Ordinal);

        // A reference to an identifier the file does not declare is left as it is.
        Assert.Contains("url(#elsewhere)", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void DropsScriptsHandlersAndTheDeclarationAndScalesToThePage()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Combine("plot.svg"), Plot);

        string svg = InlineSvg.Read(temp.Combine("plot.svg"), "f");

        Assert.StartsWith("<svg", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("foreignObject", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("onload", svg, StringComparison.Ordinal);
        Assert.Contains("viewBox=\"0 0 800 500\"", svg, StringComparison.Ordinal);
        Assert.Contains("width=\"100%\"", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("height=\"500\"", svg, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><g></svg>")]
    [InlineData("<html><body/></html>")]
    [InlineData("<!DOCTYPE svg [<!ENTITY x \"y\">]><svg xmlns=\"http://www.w3.org/2000/svg\">&x;</svg>")]
    public void AMalformedOrForeignFileIsOneErrorNamingIt(string content)
    {
        using var temp = new TempDirectory();
        string path = temp.Combine("figure7.svg");
        File.WriteAllText(path, content);

        var error = Assert.Throws<VideoSegException>(() => InlineSvg.Read(path, "figure7"));

        Assert.Equal(ErrorCodes.BadLayout, error.Code);
        Assert.Equal(path, error.Path);
    }
}
