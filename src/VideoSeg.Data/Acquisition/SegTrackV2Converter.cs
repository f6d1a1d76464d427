using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using VideoSeg.Core;

namespace VideoSeg.Data.Acquisition;

/// <summary>
/// Converts SegTrackv2.zip. Sequences come from <c>ImageSets/all.txt</c> (a leading '*' is
/// stripped); frames from <c>ImageSets/&lt;seq&gt;.txt</c> (its first line is a path prefix) or,
/// without one, every image in <c>JPEGImages/&lt;seq&gt;/</c>. Files are resolved by stem because
/// extensions are mixed; anything not resolved that way (CSI_NY.jpg, worm's 0000000000.png) is
/// skipped. The objects in <c>GroundTruth/&lt;seq&gt;/1/</c>, <c>2/</c>, ... are merged into one
/// foreground. Frames are renumbered 00000, 00001, ... so DAVIS tools read them; ImageSets/frames.tsv
/// records each one's original file.
/// </summary>
internal static class SegTrackV2Converter
{
    private const string OnlySplit = "all";
    private static readonly string[] s_imageExtensions = [".png", ".bmp", ".jpg", ".jpeg"];

    public static IReadOnlyList<AcquiredSequence> Convert(ConversionContext context)
    {
        SafeZipArchive archive = context.Archive;
        if (context.Splits.Any(s => s != OnlySplit))
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, $"SegTrackV2 has one split, '{OnlySplit}'; got {string.Join(", ", context.Splits)}", archive.ArchivePath);
        }

        const string marker = "ImageSets/all.txt";
        string prefix = archive.FindPrefix(marker)
            ?? throw new VideoSegException(ErrorCodes.BadLayout, $"archive '{archive.ArchivePath}' has no '{marker}': it is not SegTrackV2", archive.ArchivePath);
        var order = new List<string>();
        foreach (string line in archive.ReadLines(prefix + marker))
        {
            string sequence = line.Trim().TrimStart('*').Trim();
            if (sequence.Length == 0 || order.Contains(sequence, StringComparer.Ordinal))
            {
                continue;
            }

            if (!SafeZipArchive.IsSafeSegment(sequence))
            {
                throw new VideoSegException(ErrorCodes.BadLayout, $"{context.Describe(prefix + marker)} names the sequence '{sequence}', which cannot be a folder name", archive.ArchivePath);
            }

            order.Add(sequence);
        }

        if (order.Count == 0)
        {
            throw new VideoSegException(ErrorCodes.BadLayout, $"{context.Describe(prefix + marker)} lists no sequences", archive.ArchivePath);
        }

        var sequences = new List<AcquiredSequence>();
        foreach (string sequence in order)
        {
            sequences.Add(ConvertSequence(context, prefix, sequence));
        }

        context.CheckPublishedSplits(order);
        context.WriteLists(order);
        return sequences;
    }

    private static AcquiredSequence ConvertSequence(ConversionContext context, string prefix, string sequence)
    {
        SafeZipArchive archive = context.Archive;
        string frameFolder = $"{prefix}JPEGImages/{sequence}";
        Dictionary<string, string> images = IndexByStem(context, archive.FilesIn(frameFolder));
        if (images.Count == 0)
        {
            throw new VideoSegException(ErrorCodes.BadLayout, $"archive '{archive.ArchivePath}' has no frames in '{frameFolder}/'", archive.ArchivePath);
        }

        List<string> stems = ReadStemList(context, $"{prefix}ImageSets/{sequence}.txt")
            ?? images.Keys.OrderBy(s => s, StringComparer.Ordinal).ToList();

        // Several objects live in numbered subfolders; a single one directly in the sequence's folder.
        string truthFolder = $"{prefix}GroundTruth/{sequence}";
        List<string> objectFolders = archive.FoldersIn(truthFolder)
            .Where(f => f.Length > 0 && f.All(char.IsAsciiDigit))
            .OrderBy(f => int.Parse(f, CultureInfo.InvariantCulture))
            .Select(f => $"{truthFolder}/{f}")
            .ToList();
        if (objectFolders.Count == 0)
        {
            objectFolders.Add(truthFolder);
        }

        List<Dictionary<string, string>> objects = objectFolders.Select(f => IndexByStem(context, archive.FilesIn(f))).ToList();
        if (objects.All(o => o.Count == 0))
        {
            throw new VideoSegException(ErrorCodes.BadLayout, $"archive '{archive.ArchivePath}' has no ground truth in '{truthFolder}/'", archive.ArchivePath);
        }

        var usedMasks = new HashSet<string>(StringComparer.Ordinal);
        int missingObjectMasks = 0;
        for (int index = 0; index < stems.Count; index++)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            string stem = stems[index];
            if (!images.TryGetValue(stem, out string? image))
            {
                throw new VideoSegException(ErrorCodes.MissingFile, $"frame '{stem}' of '{sequence}' is listed but '{frameFolder}/' has no {stem}.png, .bmp or .jpg", archive.ArchivePath);
            }

            string outputStem = index.ToString("D5", CultureInfo.InvariantCulture);
            (int width, int height) = context.WriteFrame(sequence, outputStem, image);
            var foreground = new byte[width * height];
            int found = 0;
            foreach (Dictionary<string, string> masks in objects)
            {
                string? mask = ResolveMask(masks, stem);
                if (mask is null)
                {
                    missingObjectMasks++;
                    continue;
                }

                context.AddForeground(mask, width, height, foreground);
                usedMasks.Add(mask);
                found++;
            }

            if (found == 0)
            {
                throw new VideoSegException(ErrorCodes.MissingFile, $"frame '{stem}' of '{sequence}' has no ground-truth mask in any of {string.Join(", ", objectFolders.Select(f => f + "/"))}", archive.ArchivePath);
            }

            context.WriteMask(sequence, outputStem, width, height, foreground);
        }

        if (missingObjectMasks > 0)
        {
            context.Warn(new VideoSegWarning(ErrorCodes.MissingFile, $"'{sequence}' lacks {missingObjectMasks} object mask(s) across its frames; those objects count as absent there", context.SequenceFolder(sequence)));
        }

        string[] strays = objects.SelectMany(o => o.Values).Where(m => !usedMasks.Contains(m)).OrderBy(m => m, StringComparer.Ordinal).ToArray();
        if (strays.Length > 0)
        {
            context.Info($"{sequence}: skipped {strays.Length} ground-truth file(s) matching no frame: {string.Join(", ", strays.Take(5).Select(Path.GetFileName))}");
        }

        return context.Summarize(sequence, stems.Count, objects.Count);
    }

    /// <summary>Maps each image's stem to its entry; an unusual stem clash (a.png and a.bmp) keeps the first by name and warns.</summary>
    private static Dictionary<string, string> IndexByStem(ConversionContext context, IReadOnlyList<string> files)
    {
        var index = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string file in files)
        {
            string name = Path.GetFileName(file);
            string extension = Path.GetExtension(name).ToLowerInvariant();
            if (!s_imageExtensions.Contains(extension))
            {
                continue;
            }

            string stem = name[..^extension.Length];
            if (!index.TryAdd(stem, file))
            {
                context.Warn(new VideoSegWarning(ErrorCodes.BadLayout, $"both '{index[stem]}' and '{file}' have the stem '{stem}'; using the first", context.Archive.ArchivePath));
            }
        }

        return index;
    }

    /// <summary>The stems in <c>ImageSets/&lt;seq&gt;.txt</c> (whose first line, a path, is skipped), or null when it is absent.</summary>
    private static List<string>? ReadStemList(ConversionContext context, string listName)
    {
        if (!context.Archive.Contains(listName))
        {
            return null;
        }

        var stems = new List<string>();
        foreach (string raw in context.Archive.ReadLines(listName))
        {
            string line = raw.Trim().TrimStart('*').Trim();
            if (line.Length == 0 || line.Contains('/', StringComparison.Ordinal) || line.Contains('\\', StringComparison.Ordinal))
            {
                continue;
            }

            string extension = Path.GetExtension(line).ToLowerInvariant();
            string stem = s_imageExtensions.Contains(extension) ? line[..^extension.Length] : line;
            if (!stems.Contains(stem, StringComparer.Ordinal))
            {
                stems.Add(stem);
            }
        }

        return stems.Count == 0 ? null : stems;
    }

    /// <summary>The mask for a frame stem: the same stem, else the same stem ignoring case, else the only mask with the same trailing number.</summary>
    private static string? ResolveMask(Dictionary<string, string> masks, string stem)
    {
        if (masks.TryGetValue(stem, out string? exact))
        {
            return exact;
        }

        string[] caseless = masks.Where(m => string.Equals(m.Key, stem, StringComparison.OrdinalIgnoreCase)).Select(m => m.Value).ToArray();
        if (caseless.Length == 1)
        {
            return caseless[0];
        }

        long? number = TrailingNumber(stem);
        if (number is null)
        {
            return null;
        }

        string[] numbered = masks.Where(m => TrailingNumber(m.Key) == number).Select(m => m.Value).ToArray();
        return numbered.Length == 1 ? numbered[0] : null;
    }

    private static long? TrailingNumber(string stem)
    {
        int start = stem.Length;
        while (start > 0 && char.IsAsciiDigit(stem[start - 1]))
        {
            start--;
        }

        return start < stem.Length && stem.Length - start <= 18 ? long.Parse(stem.AsSpan(start), CultureInfo.InvariantCulture) : null;
    }
}
