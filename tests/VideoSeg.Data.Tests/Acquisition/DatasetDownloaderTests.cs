using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading.Tasks;
using VideoSeg.Core;
using VideoSeg.Data.Acquisition;
using VideoSeg.TestUtilities;
using Xunit;

namespace VideoSeg.Data.Tests.Acquisition;

/// <summary>The downloader alone, with an in-memory handler standing in for the network.</summary>
public sealed class DatasetDownloaderTests
{
    private static readonly Uri s_url = new("https://example.invalid/data.zip");
    private static readonly byte[] s_body = Enumerable.Range(0, 3_000_000).Select(i => (byte)(i * 13)).ToArray();

    [Fact]
    public async Task Download_VerifiesTheChecksum_RenamesIntoPlace_AndReportsProgress()
    {
        using var temp = new TempDirectory();
        var handler = new StubHttpHandler(_ => Ok(s_body));
        using var downloader = new DatasetDownloader(AcquisitionTestSettings.FastRetries, handler);
        var progress = new RecordingProgress<DownloadProgress>();
        string path = temp.Combine("sub", "data.zip");

        DownloadResult result = await downloader.DownloadAsync(new DownloadRequest([s_url], path) { Sha256 = FixtureArchives.Sha256(s_body), ExpectedSize = s_body.Length }, progress);

        Assert.Equal(s_body, File.ReadAllBytes(path));
        Assert.False(File.Exists(path + DatasetDownloader.TemporarySuffix));
        Assert.True(result.Downloaded);
        Assert.True(result.ChecksumVerified);
        Assert.Equal(s_url, result.Url);
        Assert.Equal(s_body.Length, result.Length);
        Assert.Empty(result.Warnings);
        Assert.Equal(0, progress.Reports.First().BytesReceived);
        Assert.Equal(s_body.Length, progress.Reports.Last().BytesReceived);
        Assert.All(progress.Reports, p => Assert.Equal(s_body.Length, p.TotalBytes));
        Assert.True(progress.Reports.Count >= 3, "a 3 MB body should report at least once per megabyte");
        Assert.Equal(progress.Reports.Select(p => p.BytesReceived).Order(), progress.Reports.Select(p => p.BytesReceived));
    }

    [Fact]
    public async Task Download_FilePresentWithTheRightChecksum_IsNotDownloaded()
    {
        using var temp = new TempDirectory();
        string path = temp.Combine("data.zip");
        File.WriteAllBytes(path, s_body);
        var handler = new StubHttpHandler(_ => throw new InvalidOperationException("must not be called"));
        using var downloader = new DatasetDownloader(AcquisitionTestSettings.FastRetries, handler);

        DownloadResult result = await downloader.DownloadAsync(new DownloadRequest([s_url], path) { Md5 = FixtureArchives.Md5(s_body) });

        Assert.Equal(0, handler.Calls);
        Assert.False(result.Downloaded);
        Assert.True(result.ChecksumVerified);
        Assert.Null(result.Url);
    }

    [Fact]
    public async Task Download_FilePresentWithAWrongChecksum_IsReplaced()
    {
        using var temp = new TempDirectory();
        string path = temp.Combine("data.zip");
        File.WriteAllText(path, "an older archive");
        var handler = new StubHttpHandler(_ => Ok(s_body));
        using var downloader = new DatasetDownloader(AcquisitionTestSettings.FastRetries, handler);

        DownloadResult result = await downloader.DownloadAsync(new DownloadRequest([s_url], path) { Sha256 = FixtureArchives.Sha256(s_body) });

        Assert.Equal(1, handler.Calls);
        Assert.True(result.Downloaded);
        Assert.Equal(s_body, File.ReadAllBytes(path));
        VideoSegWarning warning = Assert.Single(result.Warnings, w => w.Message.Contains("downloading it again", StringComparison.Ordinal));
        Assert.Equal(ErrorCodes.ChecksumMismatch, warning.Code);
        Assert.Equal(Path.GetFullPath(path), warning.Path);
        Assert.DoesNotContain("warning VSEG", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Download_WithoutAChecksum_RecordsTheSha256_AndKeepsTheFileNextTimeUnlessItChanged()
    {
        using var temp = new TempDirectory();
        string path = temp.Combine("data.zip");
        var handler = new StubHttpHandler(_ => Ok(s_body));
        using var downloader = new DatasetDownloader(AcquisitionTestSettings.FastRetries, handler);
        var request = new DownloadRequest([s_url], path);

        DownloadResult first = await downloader.DownloadAsync(request);
        DownloadResult second = await downloader.DownloadAsync(request);
        File.WriteAllText(path, "changed by someone");
        DownloadResult third = await downloader.DownloadAsync(request);

        string sha = FixtureArchives.Sha256(s_body);
        Assert.False(first.ChecksumVerified);
        Assert.Contains(first.Warnings, w => w.Message.Contains("no published checksum", StringComparison.Ordinal) && w.Message.Contains(sha, StringComparison.Ordinal));
        Assert.StartsWith(sha, File.ReadAllText(path + ".sha256"), StringComparison.Ordinal);
        Assert.False(second.Downloaded);
        Assert.True(third.Downloaded);
        Assert.Equal(2, handler.Calls);
        Assert.Equal(s_body, File.ReadAllBytes(path));
    }

    [Fact]
    public async Task Download_TooManyRequestsWithRetryAfter_IsRetried()
    {
        using var temp = new TempDirectory();
        var handler = new StubHttpHandler(call =>
        {
            if (call > 1)
            {
                return Ok(s_body);
            }

            var busy = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
            busy.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(30));
            return busy;
        });
        using var downloader = new DatasetDownloader(AcquisitionTestSettings.FastRetries, handler);

        DownloadResult result = await downloader.DownloadAsync(new DownloadRequest([s_url], temp.Combine("data.zip")) { Sha256 = FixtureArchives.Sha256(s_body) });

        Assert.Equal(2, handler.Calls);
        Assert.True(result.Downloaded);
        Assert.Contains(result.Warnings, w => w.Message.Contains("HTTP 429", StringComparison.Ordinal) && w.Message.Contains("retrying in 0.02 s", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Download_ConnectionFailure_IsRetriedUpToTheLimit()
    {
        using var temp = new TempDirectory();
        var handler = new StubHttpHandler(_ => throw new HttpRequestException("connection refused", new IOException("reset")));
        using var downloader = new DatasetDownloader(AcquisitionTestSettings.FastRetries, handler);

        var error = await Assert.ThrowsAsync<VideoSegException>(() => downloader.DownloadAsync(new DownloadRequest([s_url], temp.Combine("data.zip"))));

        Assert.Equal(ErrorCodes.DownloadFailed, error.Code);
        Assert.Equal(AcquisitionTestSettings.MaxAttempts, handler.Calls);
        Assert.Contains("connection refused (reset)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.Forbidden, 1)]
    [InlineData(HttpStatusCode.RequestTimeout, AcquisitionTestSettings.MaxAttempts)]
    [InlineData(HttpStatusCode.BadGateway, AcquisitionTestSettings.MaxAttempts)]
    public async Task Download_RetriesOnlyRetryableStatuses(HttpStatusCode status, int expectedCalls)
    {
        using var temp = new TempDirectory();
        var handler = new StubHttpHandler(_ => new HttpResponseMessage(status));
        using var downloader = new DatasetDownloader(AcquisitionTestSettings.FastRetries, handler);

        var error = await Assert.ThrowsAsync<VideoSegException>(() => downloader.DownloadAsync(new DownloadRequest([s_url], temp.Combine("data.zip"))));

        Assert.Equal(ErrorCodes.DownloadFailed, error.Code);
        Assert.Equal(expectedCalls, handler.Calls);
        Assert.Contains($"HTTP {(int)status}", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public async Task Download_WrongSize_IsAChecksumMismatchAndIsNotRetried()
    {
        using var temp = new TempDirectory();
        var handler = new StubHttpHandler(_ => Ok(s_body));
        using var downloader = new DatasetDownloader(AcquisitionTestSettings.FastRetries, handler);
        string path = temp.Combine("data.zip");

        var error = await Assert.ThrowsAsync<VideoSegException>(() => downloader.DownloadAsync(new DownloadRequest([s_url], path) { ExpectedSize = 42 }));

        Assert.Equal(ErrorCodes.ChecksumMismatch, error.Code);
        Assert.Equal(path, error.Path);
        Assert.Contains($"size expected 42 bytes, actual {s_body.Length}", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, handler.Calls);
        Assert.Empty(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public async Task Download_NonHttpAddress_IsRejected()
    {
        using var temp = new TempDirectory();
        using var downloader = new DatasetDownloader(AcquisitionTestSettings.FastRetries, new StubHttpHandler(_ => Ok(s_body)));

        var error = await Assert.ThrowsAsync<VideoSegException>(() => downloader.DownloadAsync(new DownloadRequest([new Uri("file:///etc/passwd")], temp.Combine("x"))));

        Assert.Equal(ErrorCodes.InvalidArgument, error.Code);
    }

    private static HttpResponseMessage Ok(byte[] body) => new(HttpStatusCode.OK) { Content = new ByteArrayContent(body) };
}
