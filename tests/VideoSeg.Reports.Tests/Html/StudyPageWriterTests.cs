using System;
using System.IO;
using VideoSeg.Reports.Html;
using VideoSeg.TestUtilities;
using Xunit;

namespace VideoSeg.Reports.Tests.Html;

public sealed class StudyPageWriterTests
{
    private const string Hostile = "<img src=x onerror=alert(1)> & \"q\" 'a'";

    [Fact]
    public void EveryValueIsHtmlEncodedWhereverItAppears()
    {
        string html = StudyPageWriter.Render(Page(Hostile));

        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt; &amp; &quot;q&quot;", html, StringComparison.Ordinal);

        // Attributes too: the cell's CSV value and the link's href.
        Assert.DoesNotContain("data-value=\"<", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"<", html, StringComparison.Ordinal);
    }

    [Fact]
    public void OnlyCheckedSvgIsWrittenRawAndNothingIsFetchedFromElsewhere()
    {
        string html = StudyPageWriter.Render(Page("plain"));

        Assert.Contains("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"inline\"></svg>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", html, StringComparison.Ordinal);
    }

    [Fact]
    public void NonAsciiTextStaysReadableAndLongFactsFold()
    {
        string long200 = new('x', 200);
        StudyPage page = Page("α = 0.8, ±1 frame") with { Provenance = [new PageFact("Parameter: configurations", long200)] };

        string html = StudyPageWriter.Render(page);

        Assert.Contains("α = 0.8, ±1 frame", html, StringComparison.Ordinal);
        Assert.Contains("<details><summary>", html, StringComparison.Ordinal);
        Assert.Contains(long200, html, StringComparison.Ordinal);
    }

    [Fact]
    public void WritesAtomicallyToTheGivenPath()
    {
        using var temp = new TempDirectory();
        string path = temp.Combine(StudyPageWriter.FileName);

        StudyPageWriter.Write(path, Page("x"));

        Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(path), StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(temp.Path));
    }

    private static StudyPage Page(string text)
    {
        var table = new PageTable(
            "t",
            text,
            "t.csv",
            text,
            Sortable: true,
            [new PageColumn(text, text, Numeric: false, "ours"), new PageColumn("J", "J", Numeric: true, "paper")],
            [[new PageCell(text, "name", text, text, string.Empty), new PageCell("50.0", "j", "0.500000", "0.500000", "up")]]);
        return new StudyPage(
            text,
            text,
            [new PageFact(text, text)],
            [],
            [new PageStage(text, "1.0 s", "abc", [new PageFact(text, text)])],
            [table],
            [new PageFigure("inline", text, text, "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"inline\"></svg>", null, 0, 0, [text])],
            [new PageStrip(text, text, text, text, 10, 10)],
            [text],
            [new PageLink(text, text, text)],
            text);
    }
}
