using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using VideoSeg.Core;
using VideoSeg.Core.IO;

namespace VideoSeg.Data.Acquisition;

/// <summary>
/// Downloads one file safely, in the manner of MSBuild's DownloadFile task: bounded retries
/// only for failures worth retrying (I/O errors, HTTP 5xx, 408, 429) with exponential backoff,
/// mirrors tried in order, the body written to <c>&lt;file&gt;.download.tmp</c> and hashed as
/// it arrives, and the file renamed into place only after its size and checksum check out.
/// A file already in place that matches is not downloaded again. A failure, a mismatch or a
/// cancellation leaves no partial file behind.
/// </summary>
public sealed class DatasetDownloader : IDisposable
{
    private const int BufferSize = 1 << 20;
    private const string TempSuffix = ".download.tmp";
    private const string SidecarSuffix = ".sha256";

    private readonly HttpClient _client;
    private readonly DownloadOptions _options;

    /// <summary>
    /// Creates a downloader. <paramref name="handler"/> replaces the network (tests pass a fake);
    /// it is not disposed with the downloader.
    /// </summary>
    public DatasetDownloader(DownloadOptions? options = null, HttpMessageHandler? handler = null)
    {
        _options = options ?? new DownloadOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxAttemptsPerUrl, 1, nameof(options));
        _client = handler is null
            ? new HttpClient(new SocketsHttpHandler { ConnectTimeout = _options.ResponseTimeout, AutomaticDecompression = DecompressionMethods.None })
            : new HttpClient(handler, disposeHandler: false);

        // Each phase has its own timeout below; HttpClient's would also cut off a long, healthy body.
        _client.Timeout = Timeout.InfiniteTimeSpan;
    }

    /// <summary>The suffix of the temporary file a download writes before it is verified.</summary>
    public static string TemporarySuffix => TempSuffix;

    /// <summary>
    /// Downloads <paramref name="request"/> to its destination, or keeps the file already there when it matches.
    /// </summary>
    /// <exception cref="VideoSegException">
    /// <see cref="ErrorCodes.DownloadFailed"/> when every address failed, naming each address and why;
    /// <see cref="ErrorCodes.ChecksumMismatch"/> when the body arrived but differs from the catalogue.
    /// </exception>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> fires; no partial file is left.</exception>
    public async Task<DownloadResult> DownloadAsync(DownloadRequest request, IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Urls.Count == 0)
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, $"no address to download '{request.DestinationPath}' from", request.DestinationPath);
        }

        foreach (Uri url in request.Urls)
        {
            if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                throw new VideoSegException(ErrorCodes.InvalidArgument, $"'{url}' is not an http or https address", request.DestinationPath);
            }
        }

        string destination = Path.GetFullPath(request.DestinationPath);
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        var warnings = new List<VideoSegWarning>();
        if (File.Exists(destination))
        {
            DownloadResult? kept = TryKeepExisting(request, destination, warnings, cancellationToken);
            if (kept is not null)
            {
                return kept;
            }
        }

        string temp = destination + TempSuffix;
        var failures = new List<string>();
        try
        {
            foreach (Uri url in request.Urls)
            {
                for (int attempt = 1; ; attempt++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    FileChecksums checksums;
                    try
                    {
                        checksums = await DownloadOnceAsync(url, attempt, temp, progress, cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (!cancellationToken.IsCancellationRequested && IsRetryable(ex))
                    {
                        if (attempt < _options.MaxAttemptsPerUrl)
                        {
                            TimeSpan delay = RetryDelay(attempt, ex);
                            warnings.Add(new VideoSegWarning(ErrorCodes.DownloadFailed, $"attempt {attempt} of {_options.MaxAttemptsPerUrl} to download '{url}' failed ({Describe(ex)}); retrying in {delay.TotalSeconds:0.###} s", destination));
                            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                            continue;
                        }

                        failures.Add($"'{url}': {Describe(ex)} (gave up after {attempt} attempts)");
                        break;
                    }
                    catch (HttpRequestException ex) when (!cancellationToken.IsCancellationRequested)
                    {
                        failures.Add($"'{url}': {Describe(ex)} (not retryable)");
                        break;
                    }

                    string? mismatch = checksums.DescribeMismatch(request.ExpectedSize, request.Md5, request.Sha256);
                    if (mismatch is not null)
                    {
                        // Mirrors serve the same file, so another address would only repeat a multi-gigabyte download.
                        throw new VideoSegException(
                            ErrorCodes.ChecksumMismatch,
                            $"the file downloaded from '{url}' for '{destination}' is not the catalogued one: {mismatch}. It was deleted; if the publisher has changed the archive, verify it and pass the new checksum",
                            destination);
                    }

                    File.Move(temp, destination, overwrite: true);
                    AtomicFile.WriteAllText(destination + SidecarSuffix, $"{checksums.Sha256}  {Path.GetFileName(destination)}\n");
                    if (!request.HasChecksum)
                    {
                        warnings.Add(new VideoSegWarning(ErrorCodes.ChecksumMismatch, $"'{url}' has no published checksum, so '{destination}' is unverified; its SHA-256 is {checksums.Sha256}", destination));
                    }

                    return new DownloadResult(destination, url, checksums.Length, checksums.Sha256, checksums.Md5, Downloaded: true, ChecksumVerified: request.HasChecksum, warnings);
                }
            }

            throw new VideoSegException(
                ErrorCodes.DownloadFailed,
                $"could not download '{destination}' from any address: {string.Join("; ", failures)}",
                destination);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();

    private static DownloadResult? TryKeepExisting(DownloadRequest request, string destination, List<VideoSegWarning> warnings, CancellationToken cancellationToken)
    {
        FileChecksums existing = FileChecksums.Compute(destination, cancellationToken);
        if (request.HasChecksum || request.ExpectedSize is not null)
        {
            string? mismatch = existing.DescribeMismatch(request.ExpectedSize, request.Md5, request.Sha256);
            if (mismatch is null)
            {
                return new DownloadResult(destination, null, existing.Length, existing.Sha256, existing.Md5, Downloaded: false, ChecksumVerified: request.HasChecksum, warnings);
            }

            warnings.Add(new VideoSegWarning(ErrorCodes.ChecksumMismatch, $"'{destination}' is present but is not the catalogued file ({mismatch}); downloading it again", destination));
            return null;
        }

        // Without a published checksum, the SHA-256 recorded at download time tells whether the file changed since.
        string sidecar = destination + SidecarSuffix;
        if (File.Exists(sidecar))
        {
            string recorded = File.ReadAllText(sidecar).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries) is [string first, ..] ? first : string.Empty;
            if (!string.Equals(recorded, existing.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                warnings.Add(new VideoSegWarning(ErrorCodes.ChecksumMismatch, $"'{destination}' changed since it was downloaded (SHA-256 recorded {recorded}, actual {existing.Sha256}); downloading it again", destination));
                return null;
            }
        }
        else
        {
            warnings.Add(new VideoSegWarning(ErrorCodes.ChecksumMismatch, $"'{destination}' was placed by hand and has no published checksum, so it is kept unverified; its SHA-256 is {existing.Sha256}", destination));
            AtomicFile.WriteAllText(sidecar, $"{existing.Sha256}  {Path.GetFileName(destination)}\n");
        }

        return new DownloadResult(destination, null, existing.Length, existing.Sha256, existing.Md5, Downloaded: false, ChecksumVerified: false, warnings);
    }

    private async Task<FileChecksums> DownloadOnceAsync(Uri url, int attempt, string temp, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        using var headersTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        headersTimeout.CancelAfter(_options.ResponseTimeout);
        using var message = new HttpRequestMessage(HttpMethod.Get, url);
        using HttpResponseMessage response = await _client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, headersTimeout.Token).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var error = new HttpRequestException($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}", null, response.StatusCode);
            if (response.Headers.RetryAfter?.Delta is TimeSpan retryAfter)
            {
                error.Data[nameof(response.Headers.RetryAfter)] = retryAfter;
            }

            throw error;
        }

        long? total = response.Content.Headers.ContentLength;
        using var readTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var md5 = FileChecksums.CreateMd5();
        long received = 0;
        long reported = 0;
        progress?.Report(new DownloadProgress(url, attempt, 0, total));
        Stream body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, BufferSize, useAsync: true);
            await using (file.ConfigureAwait(false))
            {
                var buffer = new byte[BufferSize];
                while (true)
                {
                    readTimeout.CancelAfter(_options.ReadTimeout);
                    int read = await body.ReadAsync(buffer, readTimeout.Token).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    sha256.AppendData(buffer, 0, read);
                    md5.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    received += read;
                    if (received - reported >= BufferSize)
                    {
                        reported = received;
                        progress?.Report(new DownloadProgress(url, attempt, received, total));
                    }
                }

                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        if (total is long expected && received != expected)
        {
            throw new IOException($"the body ended after {received} of the {expected} bytes announced");
        }

        progress?.Report(new DownloadProgress(url, attempt, received, total));
        return new FileChecksums(received, Convert.ToHexStringLower(sha256.GetHashAndReset()), Convert.ToHexStringLower(md5.GetHashAndReset()));
    }

    private static bool IsRetryable(Exception ex) => ex switch
    {
        HttpRequestException { StatusCode: HttpStatusCode status } => (int)status >= 500 || status == HttpStatusCode.RequestTimeout || status == HttpStatusCode.TooManyRequests,

        // No status: the connection failed or broke, which is worth another try.
        HttpRequestException => true,
        IOException => true,

        // Reached only when the caller did not cancel: one of our timeouts fired.
        OperationCanceledException => true,
        _ => false,
    };

    private TimeSpan RetryDelay(int attempt, Exception ex)
    {
        double seconds = _options.InitialRetryDelay.TotalSeconds * Math.Pow(2, attempt - 1);
        if (ex.Data[nameof(System.Net.Http.Headers.HttpResponseHeaders.RetryAfter)] is TimeSpan retryAfter && retryAfter.TotalSeconds > seconds)
        {
            seconds = retryAfter.TotalSeconds;
        }

        return TimeSpan.FromSeconds(Math.Min(seconds, _options.MaxRetryDelay.TotalSeconds));
    }

    private static string Describe(Exception ex) => ex switch
    {
        HttpRequestException { StatusCode: not null } => ex.Message,
        OperationCanceledException => "timed out",
        _ when ex.InnerException is not null => $"{ex.Message} ({ex.InnerException.Message})",
        _ => ex.Message,
    };
}
