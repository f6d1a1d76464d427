using System;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using VideoSeg.Core;
using VideoSeg.Data.Acquisition;
using VideoSeg.TestUtilities;
using Xunit;

namespace VideoSeg.Data.Tests.Acquisition;

/// <summary>Download failures through a real socket: the loopback server misbehaves on purpose.</summary>
public sealed class DatasetAcquirerDownloadTests
{
    private const string ArchiveRoute = "/DAVIS-data.zip";

    [Fact]
    public async Task Acquire_ServerErrorThenSuccess_RetriesAndSucceeds()
    {
        using var temp = new TempDirectory();
        await using var server = new LoopbackHttpServer();
        byte[] zip = FixtureArchives.Davis();
        server.Map(ArchiveRoute, hit => hit == 1 ? LoopbackResponse.Error(500) : LoopbackResponse.Ok(zip));
        using HttpMessageHandler handler = AcquisitionTestSettings.DirectHandler();

        AcquisitionResult result = await new DatasetAcquirer(handler).AcquireAsync(
            "davis2016", temp.Path, AcquisitionTestSettings.From(server, ArchiveRoute, FixtureArchives.Sha256(zip)));

        Assert.Equal(2, server.Hits(ArchiveRoute));
        Assert.Equal(6, result.TotalFrames);
        Assert.Contains(result.Warnings, w => w.Contains(ErrorCodes.DownloadFailed, StringComparison.Ordinal) && w.Contains("attempt 1 of 3", StringComparison.Ordinal) && w.Contains("HTTP 500", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Acquire_NotFound_IsNotRetried_AndNamesTheAddress()
    {
        using var temp = new TempDirectory();
        await using var server = new LoopbackHttpServer();
        using HttpMessageHandler handler = AcquisitionTestSettings.DirectHandler();

        var error = await Assert.ThrowsAsync<VideoSegException>(() => new DatasetAcquirer(handler).AcquireAsync(
            "davis2016", temp.Path, AcquisitionTestSettings.From(server, ArchiveRoute, new string('0', 64))));

        Assert.Equal(ErrorCodes.DownloadFailed, error.Code);
        Assert.Equal(1, server.Hits(ArchiveRoute));
        Assert.Contains(server.Url(ArchiveRoute).ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains("HTTP 404", error.Message, StringComparison.Ordinal);
        Assert.Contains("not retryable", error.Message, StringComparison.Ordinal);
        Assert.Contains(temp.Combine(".cache", "DAVIS-data.zip"), error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(temp.Combine(".cache")));
    }

    [Fact]
    public async Task Acquire_MirrorListed_IsTriedWhenTheFirstAddressFails()
    {
        using var temp = new TempDirectory();
        await using var server = new LoopbackHttpServer();
        byte[] zip = FixtureArchives.Davis();
        server.Map("/mirror/DAVIS-data.zip", zip);
        using HttpMessageHandler handler = AcquisitionTestSettings.DirectHandler();
        AcquireOptions options = AcquisitionTestSettings.From(server, ArchiveRoute, FixtureArchives.Sha256(zip)) with
        {
            Urls = [server.Url(ArchiveRoute), server.Url("/mirror/DAVIS-data.zip")],
        };

        AcquisitionResult result = await new DatasetAcquirer(handler).AcquireAsync("davis2016", temp.Path, options);

        Assert.Equal(1, server.Hits(ArchiveRoute));
        Assert.Equal(1, server.Hits("/mirror/DAVIS-data.zip"));
        Assert.Equal(6, result.TotalFrames);
    }

    [Fact]
    public async Task Acquire_BodyShorterThanAnnounced_IsRetriedThenFails_LeavingNoFile()
    {
        using var temp = new TempDirectory();
        await using var server = new LoopbackHttpServer();
        byte[] zip = FixtureArchives.Davis();
        server.Map(ArchiveRoute, _ => LoopbackResponse.Ok(zip) with { DeclaredLength = zip.Length + 1000 });
        using HttpMessageHandler handler = AcquisitionTestSettings.DirectHandler();

        var error = await Assert.ThrowsAsync<VideoSegException>(() => new DatasetAcquirer(handler).AcquireAsync(
            "davis2016", temp.Path, AcquisitionTestSettings.From(server, ArchiveRoute, FixtureArchives.Sha256(zip))));

        Assert.Equal(ErrorCodes.DownloadFailed, error.Code);
        Assert.Equal(AcquisitionTestSettings.MaxAttempts, server.Hits(ArchiveRoute));
        Assert.Contains($"gave up after {AcquisitionTestSettings.MaxAttempts} attempts", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(temp.Combine(".cache")));
        Assert.False(Directory.Exists(temp.Combine("davis2016")));
    }

    [Fact]
    public async Task Acquire_CancelledMidDownload_LeavesNoPartialFileOrFolder()
    {
        using var temp = new TempDirectory();
        await using var server = new LoopbackHttpServer();
        byte[] zip = FixtureArchives.Davis();
        server.Map(ArchiveRoute, _ => LoopbackResponse.Ok(zip) with { StallAfterBytes = zip.Length / 2 });
        using HttpMessageHandler handler = AcquisitionTestSettings.DirectHandler();
        using var cancellation = new CancellationTokenSource();
        string temporary = temp.Combine(".cache", "DAVIS-data.zip" + DatasetDownloader.TemporarySuffix);

        Task<AcquisitionResult> acquiring = new DatasetAcquirer(handler).AcquireAsync(
            "davis2016", temp.Path, AcquisitionTestSettings.From(server, ArchiveRoute, FixtureArchives.Sha256(zip)), cancellationToken: cancellation.Token);
        var clock = Stopwatch.StartNew();
        while (!File.Exists(temporary) && clock.Elapsed < TimeSpan.FromSeconds(15) && !acquiring.IsCompleted)
        {
            await Task.Delay(10);
        }

        Assert.True(File.Exists(temporary), "the download should have started writing its temporary file");
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => acquiring);
        Assert.Empty(Directory.GetFiles(temp.Combine(".cache")));
        Assert.False(Directory.Exists(temp.Combine("davis2016")));
        Assert.False(Directory.Exists(temp.Combine("davis2016" + DatasetAcquirer.PartialSuffix)));
    }
}
