using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using VideoSeg.Core;
using VideoSeg.Core.IO;
using VideoSeg.Core.Imaging;
using VideoSeg.Core.Pipeline;

namespace VideoSeg.Data.Acquisition;

/// <summary>
/// What an archive converter needs, and the writers every converter shares: frames kept byte for
/// byte when they are JPEG (re-encoded to PNG otherwise), masks as 8-bit 0/255 PNGs, the sequence
/// list and the frame map that records which archive file each output frame came from.
/// </summary>
internal sealed class ConversionContext
{
    /// <summary>The frame map's file name in <c>ImageSets/</c>: one line per output frame naming the archive file it came from.</summary>
    public const string FrameMapFileName = "frames.tsv";

    private readonly List<string> _frameMap = ["sequence\tframe\tsource"];

    public ConversionContext(
        SafeZipArchive archive,
        string outputRoot,
        string datasetRoot,
        DatasetCatalogEntry entry,
        IReadOnlyList<string> splits,
        byte maskThreshold,
        Action<string> info,
        Action<VideoSegWarning> warn,
        CancellationToken cancellationToken)
    {
        Archive = archive;
        Layout = new DatasetLayout(outputRoot);
        FinalLayout = new DatasetLayout(datasetRoot);
        Entry = entry;
        Splits = splits;
        MaskThreshold = maskThreshold;
        Info = info;
        Warn = warn;
        CancellationToken = cancellationToken;
    }

    public SafeZipArchive Archive { get; }

    /// <summary>The layout being written (the <c>.partial</c> folder).</summary>
    public DatasetLayout Layout { get; }

    /// <summary>The layout once the dataset is in place: warnings name paths there, where the user will look.</summary>
    public DatasetLayout FinalLayout { get; }

    public DatasetCatalogEntry Entry { get; }

    public IReadOnlyList<string> Splits { get; }

    public byte MaskThreshold { get; }

    public Action<string> Info { get; }

    public Action<VideoSegWarning> Warn { get; }

    public CancellationToken CancellationToken { get; }

    /// <summary>A sequence's frame folder in the dataset as it will be once in place, for warnings about that sequence.</summary>
    public string SequenceFolder(string sequence) => Path.Combine(FinalLayout.FramesRoot, sequence);

    /// <summary>Names an archive entry in messages.</summary>
    public string Describe(string entryName) => $"{Archive.ArchivePath}!/{entryName}";

    /// <summary>Writes one frame as <c>&lt;stem&gt;.jpg</c> (a JPEG, copied) or <c>&lt;stem&gt;.png</c> and returns its size.</summary>
    public (int Width, int Height) WriteFrame(string sequence, string stem, string entryName)
    {
        byte[] bytes = Archive.ReadAllBytes(entryName);
        string source = Describe(entryName);
        (int width, int height) = ArchiveImage.ReadSize(bytes, source);
        if (ArchiveImage.IsJpeg(bytes))
        {
            AtomicFile.WriteAllBytes(SafeZipArchive.Destination(Layout.FramesRoot, sequence, stem + ".jpg"), bytes);
        }
        else
        {
            RgbImage image = ArchiveImage.Decode(bytes, source);
            AtomicFile.WriteAllBytes(SafeZipArchive.Destination(Layout.FramesRoot, sequence, stem + ".png"), Imaging.PngEncoder.EncodeRgb8(image.Width, image.Height, image.Rgb));
        }

        _frameMap.Add($"{sequence}\t{stem}\t{entryName}");
        return (width, height);
    }

    /// <summary>
    /// Adds the foreground of the mask <paramref name="entryName"/> to <paramref name="foreground"/> (0/1 per pixel).
    /// Setting to 1 rather than adding is the clipped addition of the unsupervised protocol, without uint8 wrap-around.
    /// </summary>
    public void AddForeground(string entryName, int width, int height, byte[] foreground)
    {
        string source = Describe(entryName);
        RgbImage mask = ArchiveImage.Decode(Archive.ReadAllBytes(entryName), source);
        if (mask.Width != width || mask.Height != height)
        {
            throw new VideoSegException(ErrorCodes.SizeMismatch, $"mask '{source}' is {mask.Width}x{mask.Height}, but its frame is {width}x{height}", Archive.ArchivePath);
        }

        byte[] rgb = mask.Rgb;
        int threshold = MaskThreshold;
        for (int i = 0; i < foreground.Length; i++)
        {
            int value = Math.Max(rgb[3 * i], Math.Max(rgb[(3 * i) + 1], rgb[(3 * i) + 2]));
            if (value > threshold)
            {
                foreground[i] = 1;
            }
        }
    }

    /// <summary>Writes a 0/1 foreground as the 0/255 annotation of frame <paramref name="stem"/>.</summary>
    public void WriteMask(string sequence, string stem, int width, int height, byte[] foreground)
    {
        var gray = new byte[foreground.Length];
        for (int i = 0; i < gray.Length; i++)
        {
            gray[i] = foreground[i] != 0 ? (byte)255 : (byte)0;
        }

        AtomicFile.WriteAllBytes(SafeZipArchive.Destination(Layout.AnnotationsRoot, sequence, stem + ".png"), Imaging.PngEncoder.EncodeGray8(width, height, gray));
    }

    /// <summary>Compares a converted sequence with the catalogue, logs its count, and summarises it.</summary>
    public AcquiredSequence Summarize(string sequence, int frameCount, int objectCount)
    {
        int? published = Entry.PublishedFrameCounts.TryGetValue(sequence, out int count) ? count : null;
        Info($"{sequence}: {frameCount} frames, {objectCount} object(s)");
        if (published is null)
        {
            Warn(new VideoSegWarning(ErrorCodes.DatasetWarning, $"sequence '{sequence}' is not in the published {Entry.Name} listing; its {frameCount} frames were converted unchecked", SequenceFolder(sequence)));
        }
        else if (published != frameCount)
        {
            Warn(new VideoSegWarning(ErrorCodes.DatasetWarning, $"sequence '{sequence}' has {frameCount} frames in the archive, but {published} were published", SequenceFolder(sequence)));
        }

        return new AcquiredSequence(sequence, frameCount, published, objectCount);
    }

    /// <summary>Warns about published sequences of the converted splits that the archive lacks.</summary>
    public void CheckPublishedSplits(IReadOnlyCollection<string> converted)
    {
        foreach (string split in Splits)
        {
            if (Entry.Splits.TryGetValue(split, out IReadOnlyList<string>? published))
            {
                string[] missing = published.Where(s => !converted.Contains(s)).ToArray();
                if (missing.Length > 0)
                {
                    Warn(new VideoSegWarning(ErrorCodes.DatasetWarning, $"the archive's '{split}' split lacks {missing.Length} published sequence(s): {string.Join(", ", missing)}", Archive.ArchivePath));
                }
            }
        }
    }

    /// <summary>Writes <c>ImageSets/sequences.txt</c> and <c>ImageSets/frames.tsv</c>.</summary>
    public void WriteLists(IEnumerable<string> sequences)
    {
        var list = new StringBuilder();
        foreach (string sequence in sequences)
        {
            list.Append(sequence).Append('\n');
        }

        AtomicFile.WriteAllText(Layout.SequenceListPath, list.ToString());
        AtomicFile.WriteAllText(Path.Combine(Path.GetDirectoryName(Layout.SequenceListPath)!, FrameMapFileName), string.Join('\n', _frameMap) + "\n");
    }
}
