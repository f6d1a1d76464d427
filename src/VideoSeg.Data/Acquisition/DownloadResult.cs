using System;
using System.Collections.Generic;
using VideoSeg.Core;

namespace VideoSeg.Data.Acquisition;

/// <summary>The outcome of <see cref="DatasetDownloader.DownloadAsync"/>.</summary>
/// <param name="Path">The verified file.</param>
/// <param name="Url">The address it came from; null when a file already in place was kept.</param>
/// <param name="Length">Its size in bytes.</param>
/// <param name="Sha256">Its SHA-256, lowercase hex, always computed.</param>
/// <param name="Md5">Its MD5, lowercase hex, always computed.</param>
/// <param name="Downloaded">False when the file already in place was kept.</param>
/// <param name="ChecksumVerified">True when it matched a published checksum; false when none was given.</param>
/// <param name="Warnings">Retries, unverified files and other things worth a warning.</param>
public sealed record DownloadResult(
    string Path,
    Uri? Url,
    long Length,
    string Sha256,
    string Md5,
    bool Downloaded,
    bool ChecksumVerified,
    IReadOnlyList<VideoSegWarning> Warnings);
