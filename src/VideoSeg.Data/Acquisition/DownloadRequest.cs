using System;
using System.Collections.Generic;

namespace VideoSeg.Data.Acquisition;

/// <summary>What to download and how to verify it.</summary>
/// <param name="Urls">Addresses to try in order; a later one is tried only when an earlier one fails for a reason other than a checksum mismatch.</param>
/// <param name="DestinationPath">Where the verified file ends up.</param>
public sealed record DownloadRequest(IReadOnlyList<Uri> Urls, string DestinationPath)
{
    /// <summary>The exact size in bytes, when known.</summary>
    public long? ExpectedSize { get; init; }

    /// <summary>The expected MD5 as hex, when published.</summary>
    public string? Md5 { get; init; }

    /// <summary>The expected SHA-256 as hex, when published; checked in preference to nothing, alongside <see cref="Md5"/>.</summary>
    public string? Sha256 { get; init; }

    /// <summary>True when the request names a size or a checksum to verify against.</summary>
    public bool HasChecksum => Md5 is not null || Sha256 is not null;
}
