using System;
using System.Collections.Generic;

namespace VideoSeg.Data.Acquisition;

/// <summary>Settings for <see cref="DatasetAcquirer.AcquireAsync"/>; every one has a safe default.</summary>
public sealed record AcquireOptions
{
    /// <summary>The splits to convert, e.g. ["val"] or ["train", "val"]; null takes the catalogue's default split.</summary>
    public IReadOnlyList<string>? Splits { get; init; }

    /// <summary>Where downloaded archives are kept between runs; null means <c>&lt;datasetsRoot&gt;/.cache</c>.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>An archive already on disk to convert instead of downloading one (verified like a download when a checksum is known).</summary>
    public string? ArchivePath { get; init; }

    /// <summary>Addresses to use instead of the catalogue's (a mirror, or a loopback server in tests).</summary>
    public IReadOnlyList<Uri>? Urls { get; init; }

    /// <summary>An MD5 to verify against instead of the catalogue's checksums (e.g. after the publisher changed the archive).</summary>
    public string? Md5 { get; init; }

    /// <summary>A SHA-256 to verify against instead of the catalogue's checksums.</summary>
    public string? Sha256 { get; init; }

    /// <summary>Accept the archive without checking the catalogue's checksum; its SHA-256 is recorded and a warning logged.</summary>
    public bool SkipChecksum { get; init; }

    /// <summary>
    /// Replace a dataset folder that an earlier acquisition made from other settings. A folder that VideoSeg did
    /// not make (not empty, without the acquisition marker) is never replaced, with or without this.
    /// </summary>
    public bool Overwrite { get; init; }

    /// <summary>The dataset's folder name under the datasets root; null takes the catalogue name.</summary>
    public string? FolderName { get; init; }

    /// <summary>A mask pixel is foreground when its largest channel is above this value (0: any non-zero value).</summary>
    public byte MaskThreshold { get; init; }

    /// <summary>Retry and timeout settings for the download.</summary>
    public DownloadOptions Download { get; init; } = new();
}
