using System;

namespace VideoSeg.Data.Acquisition;

/// <summary>How <see cref="DatasetDownloader"/> retries and times out. The defaults suit multi-gigabyte archives.</summary>
public sealed record DownloadOptions
{
    /// <summary>Attempts per address for retryable failures (I/O errors, HTTP 5xx, 408, 429). At least 1.</summary>
    public int MaxAttemptsPerUrl { get; init; } = 4;

    /// <summary>The wait before the first retry; each later retry waits twice as long, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan InitialRetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest wait between attempts, also the cap on a server's Retry-After.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the response headers may take.</summary>
    public TimeSpan ResponseTimeout { get; init; } = TimeSpan.FromSeconds(100);

    /// <summary>How long one read of the body may stall before the attempt counts as a (retryable) I/O failure.</summary>
    public TimeSpan ReadTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
