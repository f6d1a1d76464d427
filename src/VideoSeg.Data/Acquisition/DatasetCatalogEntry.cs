using System;
using System.Collections.Generic;

namespace VideoSeg.Data.Acquisition;

/// <summary>One downloadable dataset: where its archive is, how to verify it, and what it should contain.</summary>
/// <param name="Name">The catalogue name, e.g. "davis2016"; also the dataset's folder name.</param>
/// <param name="Format">The archive's layout.</param>
/// <param name="ArchiveFileName">The archive's file name in the download cache.</param>
/// <param name="Urls">Addresses serving the same archive, tried in order.</param>
/// <param name="Licence">The terms the data comes under, shown to the user and recorded with it.</param>
public sealed record DatasetCatalogEntry(
    string Name,
    DatasetArchiveFormat Format,
    string ArchiveFileName,
    IReadOnlyList<Uri> Urls,
    string Licence)
{
    /// <summary>The archive's exact size in bytes, when published.</summary>
    public long? ExpectedSize { get; init; }

    /// <summary>The archive's MD5, when published.</summary>
    public string? Md5 { get; init; }

    /// <summary>The archive's SHA-256, when published.</summary>
    public string? Sha256 { get; init; }

    /// <summary>What is known about how trustworthy the checksum is.</summary>
    public string? ChecksumNote { get; init; }

    /// <summary>The split converted when none is asked for.</summary>
    public string DefaultSplit { get; init; } = "all";

    /// <summary>The published sequences of each split, in the published order.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Splits { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>The published frame count of each sequence; a converted count that differs is logged as a warning.</summary>
    public IReadOnlyDictionary<string, int> PublishedFrameCounts { get; init; } = new Dictionary<string, int>();
}
