using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using CsvHelper;
using PuppeteerSharp;
using Xunit;
using Xunit.Abstractions;

namespace VideoSeg.Reports.Tests.Html;

/// <summary>
/// The study page in a real headless Chromium, opened from the file system as a reader would: it loads with no
/// console error and no failed or network request, shows every image and figure, holds in every measured cell
/// the value its CSV holds, sorts, and shows configuration text as text. A full-page screenshot is kept.
/// </summary>
public sealed class StudyPageBrowserTests : IClassFixture<StudyReportFixture>
{
    private const string SkipReason = "no Chromium found (install Debian's 'chromium' package, as .ci/run does, or set VIDEOSEG_CHROMIUM to a Chromium executable)";

    private readonly StudyReportFixture _report;
    private readonly ITestOutputHelper _output;

    public StudyPageBrowserTests(StudyReportFixture report, ITestOutputHelper output)
    {
        _report = report;
        _output = output;
    }

    [SkippableFact]
    public async Task LoadsFromTheFileSystemWithNoConsoleErrorNoFailedRequestAndNoNetwork()
    {
        await using HeadlessChromium browser = await OpenAsync();

        Assert.Empty(browser.Errors);
        Assert.Empty(browser.FailedRequests);
        Assert.NotEmpty(browser.Requests);
        Assert.All(browser.Requests, url => Assert.StartsWith("file://", url, StringComparison.Ordinal));

        string screenshot = Path.Combine(ArtifactsFolder(), "study-page.png");
        await browser.Page.ScreenshotAsync(screenshot, new ScreenshotOptions { FullPage = true });
        Assert.True(new FileInfo(screenshot).Length > 10_000);
        _output.WriteLine($"screenshot: {screenshot}");
    }

    [SkippableFact]
    public async Task EveryImageAndFigureIsShownWithNonZeroSize()
    {
        await using HeadlessChromium browser = await OpenAsync();

        JsonElement images = await browser.Page.EvaluateFunctionAsync<JsonElement>(
            "() => Array.from(document.images).map(i => ({ src: i.getAttribute('src'), complete: i.complete, w: i.naturalWidth, h: i.naturalHeight, shownW: i.getBoundingClientRect().width }))");
        JsonElement figures = await browser.Page.EvaluateFunctionAsync<JsonElement>(
            "() => Array.from(document.querySelectorAll('figure')).map(f => { const r = (f.querySelector('svg') || f.querySelector('img')).getBoundingClientRect(); return { id: f.parentElement.id, w: r.width, h: r.height }; })");

        // One strip per sequence and Figure 9; Figures 7 and 8 are inline SVG.
        Assert.Equal(_report.Sequences.Count + 1, images.GetArrayLength());
        foreach (JsonElement image in images.EnumerateArray())
        {
            Assert.True(image.GetProperty("complete").GetBoolean(), image.ToString());
            Assert.True(image.GetProperty("w").GetInt32() > 0 && image.GetProperty("h").GetInt32() > 0, image.ToString());
            Assert.True(image.GetProperty("shownW").GetDouble() > 0, image.ToString());
        }

        Assert.Equal(["figure7", "figure8", "figure9"], figures.EnumerateArray().Select(f => f.GetProperty("id").GetString()));
        Assert.All(figures.EnumerateArray(), f => Assert.True(f.GetProperty("w").GetDouble() > 100 && f.GetProperty("h").GetDouble() > 100, f.ToString()));
    }

    [SkippableFact]
    public async Task EveryMeasuredCellHoldsItsCsvValueAndShowsItInPoints()
    {
        await using HeadlessChromium browser = await OpenAsync();

        JsonElement tables = await browser.Page.EvaluateFunctionAsync<JsonElement>(
            "() => Array.from(document.querySelectorAll('table[data-csv]')).map(t => ({ csv: t.dataset.csv, rows: Array.from(t.tBodies[0].rows).map(r => Array.from(r.cells).filter(c => c.dataset.column).map(c => ({ column: c.dataset.column, value: c.dataset.value, text: c.textContent }))) }))");

        Assert.Equal(["table1.csv", "table2.csv", "comparison.csv", "per-sequence.csv"], tables.EnumerateArray().Select(t => t.GetProperty("csv").GetString()));
        int checkedCells = 0;
        foreach (JsonElement table in tables.EnumerateArray())
        {
            string csv = table.GetProperty("csv").GetString()!;
            List<Dictionary<string, string>> expected = ReadCsv(Path.Combine(_report.Options.Output, csv));
            JsonElement rows = table.GetProperty("rows");
            Assert.Equal(expected.Count, rows.GetArrayLength());
            int index = 0;
            foreach (JsonElement row in rows.EnumerateArray())
            {
                foreach (JsonElement cell in row.EnumerateArray())
                {
                    string column = cell.GetProperty("column").GetString()!;
                    string value = cell.GetProperty("value").GetString()!;
                    Assert.True(expected[index].ContainsKey(column), $"{csv} has no column '{column}'");
                    Assert.Equal(expected[index][column], value);
                    checkedCells++;
                }

                index++;
            }
        }

        // The shown J is the CSV's fraction ×100 with one decimal.
        JsonElement table1 = tables[0].GetProperty("rows");
        foreach (JsonElement row in table1.EnumerateArray())
        {
            JsonElement meanJ = row.EnumerateArray().Single(c => c.GetProperty("column").GetString() == "MeanJ");
            double fraction = double.Parse(meanJ.GetProperty("value").GetString()!, CultureInfo.InvariantCulture);
            Assert.Equal((fraction * 100).ToString("F1", CultureInfo.InvariantCulture), meanJ.GetProperty("text").GetString());
        }

        Assert.True(checkedCells > 100, $"only {checkedCells} cells checked");
    }

    [SkippableFact]
    public async Task ClickingAHeadingSortsTheRowsAscendingThenDescending()
    {
        await using HeadlessChromium browser = await OpenAsync();
        const string Column = "#per-sequence thead th:nth-child(4)";
        const string Values = "() => Array.from(document.querySelectorAll('#per-sequence tbody tr')).map(r => r.cells[3].dataset.sort ?? r.cells[3].dataset.value)";
        string[] before = await browser.Page.EvaluateFunctionAsync<string[]>(Values);
        double[] numbers = before.Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        Assert.NotEqual(numbers.Order(), numbers);

        await browser.Page.ClickAsync(Column);
        double[] ascending = (await browser.Page.EvaluateFunctionAsync<string[]>(Values)).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        await browser.Page.ClickAsync(Column);
        double[] descending = (await browser.Page.EvaluateFunctionAsync<string[]>(Values)).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();

        Assert.Equal(numbers.Order(), ascending);
        Assert.Equal(numbers.OrderDescending(), descending);
        Assert.Equal("descending", await browser.Page.EvaluateExpressionAsync<string>($"document.querySelector('{Column}').getAttribute('aria-sort')"));
    }

    [SkippableFact]
    public async Task TextFromTheMatrixIsShownAsTextAndNeverRuns()
    {
        await using HeadlessChromium browser = await OpenAsync();

        string[] methods = await browser.Page.EvaluateFunctionAsync<string[]>(
            "() => Array.from(document.querySelectorAll('#table1 td[data-column=Method]')).map(c => c.textContent)");
        bool injected = await browser.Page.EvaluateExpressionAsync<bool>("window.injected !== undefined || document.querySelector('#table1 td b, #table1 td script') !== null");

        Assert.Contains(StudyReportFixture.HostileLabel, methods);
        Assert.False(injected);
    }

    private async Task<HeadlessChromium> OpenAsync()
    {
        string? executable = HeadlessChromium.FindExecutable();
        Skip.If(executable is null, SkipReason);
        return await HeadlessChromium.OpenAsync(executable!, _report.PagePath);
    }

    private static List<Dictionary<string, string>> ReadCsv(string path)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        string[] header = csv.HeaderRecord!;
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
        {
            rows.Add(header.ToDictionary(h => h, h => csv.GetField(h)!, StringComparer.Ordinal));
        }

        return rows;
    }

    /// <summary><c>VIDEOSEG_TEST_ARTIFACTS</c> when set (CI keeps that folder), else <c>artifacts</c> beside the test assembly.</summary>
    private static string ArtifactsFolder()
    {
        string folder = Environment.GetEnvironmentVariable("VIDEOSEG_TEST_ARTIFACTS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(folder);
        return folder;
    }
}
