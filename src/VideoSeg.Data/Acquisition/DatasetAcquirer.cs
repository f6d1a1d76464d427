using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using VideoSeg.Core;
using VideoSeg.Core.IO;

namespace VideoSeg.Data.Acquisition;

/// <summary>
/// Brings a catalogued dataset into VideoSeg's DAVIS layout: downloads the archive into a cache
/// (or takes one already there), converts it into <c>&lt;root&gt;.partial</c>, writes the
/// <c>acquisition.json</c> marker last, and only then renames the folder into place. An
/// interrupted run therefore leaves a verified archive and at most a partial folder, which the
/// next run discards before converting again; a complete folder with a matching marker is reused.
/// <para>
/// Only what VideoSeg made is ever deleted, even when asked to overwrite: the dataset folder is
/// replaced only when it holds a readable <see cref="MarkerFileName"/> (or is empty), and the
/// <c>.partial</c> and <c>.old</c> siblings are removed only when they are empty or hold that marker or
/// <see cref="PartialMarkerFileName"/>, which a conversion writes into its <c>.partial</c> folder first
/// thing and removes last, after the marker is written. Anything else is left alone and reported as
/// <see cref="ErrorCodes.OutputNotOwned"/>.
/// </para>
/// </summary>
public sealed class DatasetAcquirer
{
    /// <summary>The marker file that makes a dataset folder complete; it holds the <see cref="AcquisitionResult"/>.</summary>
    public const string MarkerFileName = "acquisition.json";

    /// <summary>The suffix of the folder a conversion writes into before it is renamed into place.</summary>
    public const string PartialSuffix = ".partial";

    /// <summary>The suffix of the folder a replaced dataset is moved to until its replacement is in place.</summary>
    public const string OldSuffix = ".old";

    /// <summary>
    /// The file that marks a <c>.partial</c> folder as VideoSeg's own. Its name ends in <c>.tmp</c> so that
    /// <see cref="ContentHash.OfDirectory"/> ignores it; it is removed before the folder is moved into place.
    /// </summary>
    public const string PartialMarkerFileName = ".videoseg-partial.tmp";

    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };

    private readonly HttpMessageHandler? _handler;

    /// <summary>Creates an acquirer; <paramref name="handler"/> replaces the network (tests), and is not disposed.</summary>
    public DatasetAcquirer(HttpMessageHandler? handler = null) => _handler = handler;

    /// <summary>
    /// Acquires the catalogued dataset <paramref name="name"/> into <c>&lt;datasetsRoot&gt;/&lt;name&gt;</c>.
    /// </summary>
    /// <exception cref="VideoSegException">
    /// <see cref="ErrorCodes.UnknownConfiguration"/> for an unknown name; <see cref="ErrorCodes.DownloadFailed"/>
    /// or <see cref="ErrorCodes.ChecksumMismatch"/> from the download; <see cref="ErrorCodes.BadLayout"/>,
    /// <see cref="ErrorCodes.MissingFile"/>, <see cref="ErrorCodes.CorruptImage"/> or <see cref="ErrorCodes.SizeMismatch"/>
    /// for an archive that is not what the catalogue describes (including zip-slip entry names), and
    /// <see cref="ErrorCodes.ChecksumMismatch"/> for an archive entry whose CRC-32 or size is wrong;
    /// <see cref="ErrorCodes.OutputNotOwned"/> when the dataset folder, or its <c>.partial</c> or <c>.old</c>
    /// sibling, exists but was not made by VideoSeg (whatever <see cref="AcquireOptions.Overwrite"/> says).
    /// </exception>
    /// <exception cref="OperationCanceledException">When cancelled; no partial download or dataset folder is left.</exception>
    public async Task<AcquisitionResult> AcquireAsync(
        string name,
        string datasetsRoot,
        AcquireOptions? options = null,
        IProgress<AcquisitionProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(datasetsRoot);
        options ??= new AcquireOptions();
        DatasetCatalogEntry entry = DatasetCatalog.Get(name);
        IReadOnlyList<string> splits = options.Splits ?? [entry.DefaultSplit];
        if (splits.Count == 0 || splits.Distinct(StringComparer.Ordinal).Count() != splits.Count)
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, $"the splits must be distinct and at least one, got [{string.Join(", ", splits)}]; {entry.Name} has {string.Join(", ", entry.Splits.Keys)}");
        }

        string folderName = options.FolderName ?? entry.Name;
        if (!SafeZipArchive.IsSafeSegment(folderName))
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, $"'{folderName}' cannot be a dataset folder name");
        }

        var warnings = new List<string>();
        void Info(string message) => progress?.Report(new AcquisitionProgress(AcquisitionEventKind.Info, message));
        void Warn(VideoSegWarning warning)
        {
            string line = warning.ToDiagnosticString();
            warnings.Add(line);
            progress?.Report(new AcquisitionProgress(AcquisitionEventKind.Warning, line) { Warning = warning });
        }

        string root = Path.GetFullPath(Path.Combine(datasetsRoot, folderName));
        string partial = root + PartialSuffix;
        string old = root + OldSuffix;
        EnsureReplaceable(root);
        if (Directory.Exists(root) && ReadMarker(root) is { } previous)
        {
            if (previous.Dataset == entry.Name && previous.Splits.SequenceEqual(splits, StringComparer.Ordinal))
            {
                Info($"'{root}' already holds {entry.Name} ({string.Join(", ", splits)}), {previous.TotalFrames} frames; reusing it");
                return previous with { DatasetRoot = root, Downloaded = false, Reused = true };
            }

            if (!options.Overwrite)
            {
                throw new VideoSegException(ErrorCodes.BadLayout, $"'{root}' already exists and holds {previous.Dataset} ({string.Join(", ", previous.Splits)}), not {entry.Name} ({string.Join(", ", splits)}); remove it or ask to overwrite it", root);
            }
        }

        // Checked before the download, so a folder that is not ours does not cost one.
        EnsureDisposable(partial);
        EnsureDisposable(old);

        Info($"{entry.Name}: {entry.Licence}");
        (string archivePath, FileChecksums checksums, bool verified, bool downloaded) =
            await ObtainArchiveAsync(entry, datasetsRoot, options, progress, Info, Warn, cancellationToken).ConfigureAwait(false);

        if (Directory.Exists(partial))
        {
            Info($"discarding '{partial}', left by an interrupted run");
            DeleteDisposable(partial);
        }

        string partialMarker = Path.Combine(partial, PartialMarkerFileName);
        try
        {
            Directory.CreateDirectory(partial);
            File.WriteAllText(partialMarker, "A dataset conversion by VideoSeg writes here; it may be deleted.\n");
            Info($"converting '{archivePath}' into '{root}'");
            IReadOnlyList<AcquiredSequence> sequences;
            using (var archive = new SafeZipArchive(archivePath))
            {
                var context = new ConversionContext(archive, partial, root, entry, splits, options.MaskThreshold, Info, Warn, cancellationToken);
                sequences = entry.Format switch
                {
                    DatasetArchiveFormat.Davis2016 => Davis2016Converter.Convert(context),
                    DatasetArchiveFormat.SegTrackV2 => SegTrackV2Converter.Convert(context),
                    _ => throw new VideoSegException(ErrorCodes.InvalidArgument, $"no converter for the archive format {entry.Format}"),
                };
            }

            Info($"{entry.Name}: {sequences.Count} sequences, {sequences.Sum(s => s.FrameCount)} frames");
            var result = new AcquisitionResult(
                entry.Name,
                root,
                splits.ToArray(),
                archivePath,
                checksums.Sha256,
                checksums.Md5,
                verified,
                sequences,
                ContentHash.OfDirectory(partial),
                warnings.ToArray())
            {
                Downloaded = downloaded,
            };
            AtomicFile.WriteAllText(Path.Combine(partial, MarkerFileName), JsonSerializer.Serialize(result, s_json));

            // Only now: until the acquisition marker is written, this file is what makes the folder VideoSeg's.
            File.Delete(partialMarker);
            MoveIntoPlace(partial, root, old);
            return result;
        }
        catch
        {
            if (Directory.Exists(partial))
            {
                Directory.Delete(partial, recursive: true);
            }

            throw;
        }
    }

    /// <summary>Reads a dataset folder's marker, or null when there is none or it is unreadable.</summary>
    public static AcquisitionResult? ReadMarker(string datasetRoot)
    {
        string marker = Path.Combine(datasetRoot, MarkerFileName);
        if (!File.Exists(marker))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<AcquisitionResult>(File.ReadAllText(marker), s_json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task<(string Path, FileChecksums Checksums, bool Verified, bool Downloaded)> ObtainArchiveAsync(
        DatasetCatalogEntry entry,
        string datasetsRoot,
        AcquireOptions options,
        IProgress<AcquisitionProgress>? progress,
        Action<string> info,
        Action<VideoSegWarning> warn,
        CancellationToken cancellationToken)
    {
        bool overridden = options.Md5 is not null || options.Sha256 is not null;
        string? md5 = overridden ? options.Md5 : options.SkipChecksum ? null : entry.Md5;
        string? sha256 = overridden ? options.Sha256 : options.SkipChecksum ? null : entry.Sha256;
        long? size = overridden || options.SkipChecksum ? null : entry.ExpectedSize;
        if (options.SkipChecksum && !overridden && (entry.Md5 is not null || entry.Sha256 is not null))
        {
            warn(new VideoSegWarning(ErrorCodes.ChecksumMismatch, $"the catalogue's checksum for {entry.ArchiveFileName} is not checked, as asked; the archive's SHA-256 is recorded instead", options.ArchivePath is null ? null : Path.GetFullPath(options.ArchivePath)));
        }

        if (options.ArchivePath is not null)
        {
            string path = Path.GetFullPath(options.ArchivePath);
            if (!File.Exists(path))
            {
                throw new VideoSegException(ErrorCodes.MissingFile, $"the archive '{path}' given for {entry.Name} does not exist", path);
            }

            FileChecksums local = FileChecksums.Compute(path, cancellationToken);
            string? mismatch = local.DescribeMismatch(size, md5, sha256);
            if (mismatch is not null)
            {
                throw new VideoSegException(ErrorCodes.ChecksumMismatch, $"the archive '{path}' is not the catalogued {entry.ArchiveFileName}: {mismatch}", path);
            }

            bool localVerified = md5 is not null || sha256 is not null;
            if (!localVerified)
            {
                warn(new VideoSegWarning(ErrorCodes.ChecksumMismatch, $"'{path}' cannot be verified (no checksum); its SHA-256 is {local.Sha256}", path));
            }

            info($"using the archive '{path}'");
            return (path, local, localVerified, false);
        }

        string cache = Path.GetFullPath(options.CacheDirectory ?? Path.Combine(datasetsRoot, ".cache"));
        var request = new DownloadRequest(options.Urls ?? entry.Urls, Path.Combine(cache, entry.ArchiveFileName))
        {
            ExpectedSize = size,
            Md5 = md5,
            Sha256 = sha256,
        };
        info($"fetching {entry.ArchiveFileName} into '{cache}' from {string.Join(" or ", request.Urls)}");
        using var downloader = new DatasetDownloader(options.Download, _handler);
        IProgress<DownloadProgress>? forward = progress is null ? null : new AcquisitionProgressForwarder(progress);
        DownloadResult download = await downloader.DownloadAsync(request, forward, cancellationToken).ConfigureAwait(false);
        foreach (VideoSegWarning warning in download.Warnings)
        {
            warn(warning);
        }

        info(download.Downloaded
            ? $"downloaded {download.Length} bytes from '{download.Url}', SHA-256 {download.Sha256}"
            : $"'{download.Path}' is already present and matches, SHA-256 {download.Sha256}; not downloading it again");
        return (download.Path, new FileChecksums(download.Length, download.Sha256, download.Md5), download.ChecksumVerified, download.Downloaded);
    }

    /// <summary>
    /// True when <paramref name="folder"/> is VideoSeg's to delete: empty, or holding a readable acquisition
    /// marker or the partial-conversion marker.
    /// </summary>
    private static bool IsDisposable(string folder) =>
        !Directory.EnumerateFileSystemEntries(folder).Any()
        || File.Exists(Path.Combine(folder, PartialMarkerFileName))
        || ReadMarker(folder) is not null;

    /// <summary>Refuses a dataset folder that exists and is neither empty nor a complete acquisition.</summary>
    private static void EnsureReplaceable(string root)
    {
        if (File.Exists(root))
        {
            throw new VideoSegException(ErrorCodes.OutputNotOwned, $"'{root}' is a file, not a dataset folder made by VideoSeg; VideoSeg does not replace it, even with --force: move it or choose another folder", root);
        }

        if (Directory.Exists(root) && ReadMarker(root) is null && Directory.EnumerateFileSystemEntries(root).Any())
        {
            throw new VideoSegException(ErrorCodes.OutputNotOwned, $"'{root}' already exists and was not made by VideoSeg (it is not empty and has no readable {MarkerFileName}); VideoSeg does not replace it, even with --force: remove it yourself or choose another folder", root);
        }
    }

    /// <summary>Refuses a <c>.partial</c> or <c>.old</c> sibling that exists and is not VideoSeg's.</summary>
    private static void EnsureDisposable(string folder)
    {
        if (File.Exists(folder))
        {
            throw new VideoSegException(ErrorCodes.OutputNotOwned, $"'{folder}' is a file, where VideoSeg keeps a working folder; it was not made by VideoSeg, so it is not deleted, even with --force: move it away", folder);
        }

        if (Directory.Exists(folder) && !IsDisposable(folder))
        {
            throw new VideoSegException(ErrorCodes.OutputNotOwned, $"'{folder}' is where VideoSeg keeps a working folder, but this one was not made by VideoSeg (no {MarkerFileName} or {PartialMarkerFileName}), so it is not deleted, even with --force: move it away", folder);
        }
    }

    private static void DeleteDisposable(string folder)
    {
        EnsureDisposable(folder);
        Directory.Delete(folder, recursive: true);
    }

    private static void MoveIntoPlace(string partial, string root, string old)
    {
        if (!Directory.Exists(root))
        {
            Directory.Move(partial, root);
            return;
        }

        // Checked again: the conversion may have taken long enough for someone to put files there.
        EnsureReplaceable(root);

        // Overwriting: move the old folder aside first, so that a crash leaves one of the two complete.
        if (Directory.Exists(old))
        {
            DeleteDisposable(old);
        }

        Directory.Move(root, old);
        Directory.Move(partial, root);
        Directory.Delete(old, recursive: true);
    }
}
