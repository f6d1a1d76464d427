using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using VideoSeg.Cli.Infrastructure;
using VideoSeg.Core;
using VideoSeg.Data.Acquisition;

namespace VideoSeg.Cli.Commands;

/// <summary>
/// <c>videoseg acquire</c>: downloads DAVIS 2016 or SegTrackV2 (or takes an archive the user already
/// has), verifies it and converts it into the DAVIS layout. An acquired dataset is not fetched or
/// converted again; an interrupted acquisition resumes from the verified archive.
/// </summary>
public static class AcquireCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var dataset = new Option<string>("--dataset") { Description = "davis2016 or segtrackv2.", Required = true };
        dataset.AcceptOnlyFromAmong("davis2016", "segtrackv2");
        var output = CommonOptions.RequiredDirectory("--out", "The dataset root to write (DAVIS layout).");
        var splits = new Option<string?>("--splits") { Description = "DAVIS 2016: comma-separated splits (val, train). Default: val." };
        var archive = new Option<FileInfo?>("--archive") { Description = "Use this already-downloaded archive instead of downloading." };
        var cache = new Option<DirectoryInfo?>("--cache") { Description = "Where downloaded archives are kept (default: <out>/../.downloads)." };
        var urls = new Option<string[]>("--url") { Description = "Override the download URL (repeatable; tried in order).", AllowMultipleArgumentsPerToken = false };
        var md5 = new Option<string?>("--md5") { Description = "Expected MD5 of the archive (overrides the catalogue's)." };
        var sha256 = new Option<string?>("--sha256") { Description = "Expected SHA-256 of the archive (overrides the catalogue's)." };
        var skipChecksum = new Option<bool>("--skip-checksum") { Description = "Accept an archive whose checksum differs from the catalogue's (its SHA-256 is still recorded)." };
        var force = CommonOptions.Force();
        var command = new Command("acquire", "Download, verify and convert DAVIS 2016 or SegTrackV2 into the DAVIS layout.") { dataset, output, splits, archive, cache, urls, md5, sha256, skipChecksum, force };
        command.SetAction(async (parse, ct) =>
        {
            DirectoryInfo root = parse.GetValue(output)!;
            string? splitText = parse.GetValue(splits);
            var options = new AcquireOptions
            {
                FolderName = root.Name,
                Splits = splitText?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                ArchivePath = parse.GetValue(archive)?.FullName,
                CacheDirectory = parse.GetValue(cache)?.FullName,
                Urls = parse.GetValue(urls) is { Length: > 0 } given ? given.Select(ParseUrl).ToList() : null,
                Md5 = parse.GetValue(md5),
                Sha256 = parse.GetValue(sha256),
                SkipChecksum = parse.GetValue(skipChecksum),
                Overwrite = parse.GetValue(force),
            };
            var progress = new ConsoleProgress("acquire", 1);
            long nextReport = 0;
            AcquisitionResult result = await new DatasetAcquirer().AcquireAsync(
                parse.GetValue(dataset)!,
                root.Parent!.FullName,
                options,
                new SynchronousProgress<AcquisitionProgress>(p => Report(progress, p, ref nextReport)),
                ct).ConfigureAwait(false);

            progress.Note($"{result.Dataset}: {result.Sequences.Count} sequences, {result.TotalFrames} frames in {result.DatasetRoot} ({(result.Reused ? "already acquired" : "acquired")})");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// Prints one report. Warnings are printed here, as they happen, and only here: each once, in the
    /// canonical <c>path: warning CODE: message</c> form MSBuild recognises, so not behind the stage prefix.
    /// </summary>
    private static void Report(ConsoleProgress progress, AcquisitionProgress report, ref long nextReport)
    {
        switch (report.Kind)
        {
            case AcquisitionEventKind.Warning:
                Console.Out.WriteLine(report.Warning?.ToDiagnosticString() ?? report.Message);
                break;
            case AcquisitionEventKind.Info:
                progress.Note(report.Message);
                break;
            case AcquisitionEventKind.Download when report.Download is { } download:
                // Download reports come about once a megabyte; a line every 64 MiB keeps MSBuild's log readable.
                const long Step = 64L << 20;
                if (download.BytesReceived < nextReport - Step)
                {
                    nextReport = 0;
                }

                if (download.BytesReceived >= nextReport)
                {
                    string total = download.TotalBytes is { } bytes ? FormattableString.Invariant($" of {bytes / 1048576.0:F0} MiB") : string.Empty;
                    progress.Note(FormattableString.Invariant($"downloading {download.Url} (attempt {download.Attempt}): {download.BytesReceived / 1048576.0:F0} MiB{total}"));
                    nextReport = download.BytesReceived + Step;
                }

                break;
        }
    }

    /// <summary>An absolute http or https address, or one error naming the value.</summary>
    private static Uri ParseUrl(string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out Uri? url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, $"--url '{value}' is not an absolute http or https address");
        }

        return url;
    }
}
