using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using PuppeteerSharp;

namespace VideoSeg.Reports.Tests.Html;

/// <summary>
/// The system's Chromium (Debian's <c>chromium</c> package; never a downloaded browser) driven through PuppeteerSharp,
/// with one page open on a file and every console error, page error, failed request and non-file request recorded.
/// </summary>
internal sealed class HeadlessChromium : IAsyncDisposable
{
    private static readonly string[] s_candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];

    private readonly IBrowser _browser;

    private HeadlessChromium(IBrowser browser, IPage page)
    {
        _browser = browser;
        Page = page;
    }

    /// <summary>The open page.</summary>
    public IPage Page { get; }

    /// <summary>Console messages of type error, and uncaught page errors.</summary>
    public List<string> Errors { get; } = [];

    /// <summary>Requests that failed or answered with an error status, with why.</summary>
    public List<string> FailedRequests { get; } = [];

    /// <summary>Every URL the page requested.</summary>
    public List<string> Requests { get; } = [];

    /// <summary>
    /// The browser to use: <c>VIDEOSEG_CHROMIUM</c> when set, else the first of Debian's and Google's usual paths
    /// that exists; null when there is none (the tests then skip, saying how to install it).
    /// </summary>
    public static string? FindExecutable()
    {
        string? configured = Environment.GetEnvironmentVariable("VIDEOSEG_CHROMIUM");
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(configured) ? configured : throw new FileNotFoundException("VIDEOSEG_CHROMIUM names no file", configured);
        }

        return Array.Find(s_candidates, File.Exists);
    }

    /// <summary>Launches the browser headless and opens <paramref name="file"/> at a fixed viewport, waiting for its load event.</summary>
    public static async Task<HeadlessChromium> OpenAsync(string executable, string file)
    {
        IBrowser browser = await Puppeteer.LaunchAsync(new LaunchOptions
        {
            Headless = true,
            ExecutablePath = executable,

            // The sandbox needs user namespaces that CI containers (running as root) do not give.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
            Timeout = 60_000,
        });
        IPage page = await browser.NewPageAsync();
        var session = new HeadlessChromium(browser, page);
        page.Console += (_, e) =>
        {
            if (e.Message.Type == ConsoleType.Error)
            {
                session.Errors.Add($"console: {e.Message.Text}");
            }
        };
        page.PageError += (_, e) => session.Errors.Add($"page error: {e.Message}");
        page.Request += (_, e) => session.Requests.Add(e.Request.Url);
        page.RequestFailed += (_, e) => session.FailedRequests.Add($"{e.Request.Url}: {e.Request.FailureText}");
        page.Response += (_, e) =>
        {
            if ((int)e.Response.Status >= 400)
            {
                session.FailedRequests.Add($"{e.Response.Url}: HTTP {(int)e.Response.Status}");
            }
        };
        await page.SetViewportAsync(new ViewPortOptions { Width = 1400, Height = 1000 });
        await page.GoToAsync(new Uri(file).AbsoluteUri, new NavigationOptions { WaitUntil = [WaitUntilNavigation.Load], Timeout = 60_000 });
        return session;
    }

    public async ValueTask DisposeAsync()
    {
        await Page.DisposeAsync();
        await _browser.DisposeAsync();
    }
}
