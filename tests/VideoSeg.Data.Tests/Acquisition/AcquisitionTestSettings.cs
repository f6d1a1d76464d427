using System;
using System.Net.Http;
using VideoSeg.Data.Acquisition;

namespace VideoSeg.Data.Tests.Acquisition;

/// <summary>Settings shared by the acquisition tests: quick retries, no proxy for the loopback server.</summary>
public static class AcquisitionTestSettings
{
    public const int MaxAttempts = 3;

    public static DownloadOptions FastRetries { get; } = new()
    {
        MaxAttemptsPerUrl = MaxAttempts,
        InitialRetryDelay = TimeSpan.FromMilliseconds(5),
        MaxRetryDelay = TimeSpan.FromMilliseconds(20),
        ResponseTimeout = TimeSpan.FromSeconds(20),
        ReadTimeout = TimeSpan.FromSeconds(20),
    };

    public static HttpMessageHandler DirectHandler() => new SocketsHttpHandler { UseProxy = false };

    public static AcquireOptions From(LoopbackHttpServer server, string path, string? sha256 = null) => new()
    {
        Urls = [server.Url(path)],
        Sha256 = sha256,
        Download = FastRetries,
    };
}
