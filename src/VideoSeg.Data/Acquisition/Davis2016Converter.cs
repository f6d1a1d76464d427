using System;
using System.Collections.Generic;
using System.Linq;
using VideoSeg.Core;

namespace VideoSeg.Data.Acquisition;

/// <summary>
/// Converts DAVIS-data.zip: only the 480p frames and annotations listed in
/// <c>ImageSets/480p/&lt;split&gt;.txt</c> are extracted. Each list line is a frame pair such as
/// <c>/JPEGImages/480p/blackswan/00000.jpg /Annotations/480p/blackswan/00000.png</c>; lines are
/// split on any whitespace, so trailing spaces and a missing leading slash are tolerated.
/// </summary>
internal static class Davis2016Converter
{
    private const string Resolution = "480p";

    public static IReadOnlyList<AcquiredSequence> Convert(ConversionContext context)
    {
        SafeZipArchive archive = context.Archive;
        var frames = new Dictionary<string, List<(string Stem, string Image, string Annotation)>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (string split in context.Splits)
        {
            if (!SafeZipArchive.IsSafeSegment(split))
            {
                throw new VideoSegException(ErrorCodes.InvalidArgument, $"'{split}' is not a split name", archive.ArchivePath);
            }

            string marker = $"ImageSets/{Resolution}/{split}.txt";
            string prefix = archive.FindPrefix(marker) ?? throw new VideoSegException(
                ErrorCodes.BadLayout,
                $"archive '{archive.ArchivePath}' has no '{marker}' for the split '{split}'; it lists: {DescribeSplitFiles(archive)}",
                archive.ArchivePath);
            IReadOnlyList<string> lines = archive.ReadLines(prefix + marker);
            for (int i = 0; i < lines.Count; i++)
            {
                string[] tokens = lines[i].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                if (tokens.Length == 0)
                {
                    continue;
                }

                string where = $"{context.Describe(prefix + marker)} line {i + 1}";
                if (tokens.Length < 2)
                {
                    throw new VideoSegException(ErrorCodes.BadLayout, $"{where}: expected a frame and its annotation, got '{lines[i].Trim()}'", archive.ArchivePath);
                }

                (string sequence, string stem) = ParsePath(tokens[0], "JPEGImages", where, archive.ArchivePath);
                (string annotationSequence, string annotationStem) = ParsePath(tokens[1], "Annotations", where, archive.ArchivePath);
                if (annotationSequence != sequence || annotationStem != stem)
                {
                    throw new VideoSegException(ErrorCodes.BadLayout, $"{where}: the annotation '{tokens[1]}' is not the frame '{tokens[0]}''s", archive.ArchivePath);
                }

                if (!frames.TryGetValue(sequence, out List<(string Stem, string Image, string Annotation)>? list))
                {
                    list = [];
                    frames[sequence] = list;
                    order.Add(sequence);
                }

                // trainval repeats train and val; a frame listed twice is converted once.
                if (!list.Any(f => f.Stem == stem))
                {
                    list.Add((stem, prefix + tokens[0].TrimStart('/'), prefix + tokens[1].TrimStart('/')));
                }
            }
        }

        if (order.Count == 0)
        {
            throw new VideoSegException(ErrorCodes.BadLayout, $"the split list(s) {string.Join(", ", context.Splits)} in '{archive.ArchivePath}' name no frames", archive.ArchivePath);
        }

        var sequences = new List<AcquiredSequence>();
        foreach (string sequence in order)
        {
            List<(string Stem, string Image, string Annotation)> list = frames[sequence];
            list.Sort((a, b) => string.CompareOrdinal(a.Stem, b.Stem));
            foreach ((string stem, string image, string annotation) in list)
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                (int width, int height) = context.WriteFrame(sequence, stem, image);
                var foreground = new byte[width * height];
                context.AddForeground(annotation, width, height, foreground);
                context.WriteMask(sequence, stem, width, height, foreground);
            }

            sequences.Add(context.Summarize(sequence, list.Count, objectCount: 1));
        }

        context.CheckPublishedSplits(order);
        context.WriteLists(order);
        return sequences;
    }

    private static (string Sequence, string Stem) ParsePath(string token, string folder, string where, string archivePath)
    {
        string[] parts = token.TrimStart('/').Split('/');
        if (parts.Length != 4 || parts[0] != folder || parts[1] != Resolution
            || !SafeZipArchive.IsSafeSegment(parts[2]) || !SafeZipArchive.IsSafeSegment(parts[3]))
        {
            throw new VideoSegException(ErrorCodes.BadLayout, $"{where}: expected '/{folder}/{Resolution}/<sequence>/<frame>', got '{token}'", archivePath);
        }

        int dot = parts[3].LastIndexOf('.');
        string stem = dot > 0 ? parts[3][..dot] : parts[3];
        return (parts[2], stem);
    }

    private static string DescribeSplitFiles(SafeZipArchive archive)
    {
        string[] lists = archive.FileNames.Where(n => n.Contains("ImageSets/", StringComparison.Ordinal)).OrderBy(n => n, StringComparer.Ordinal).Take(20).ToArray();
        return lists.Length == 0 ? "no ImageSets files at all" : string.Join(", ", lists);
    }
}
