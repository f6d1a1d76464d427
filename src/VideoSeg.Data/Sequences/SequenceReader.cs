using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using VideoSeg.Core;
using VideoSeg.Core.Imaging;
using VideoSeg.Core.Pipeline;
using VideoSeg.Data.Imaging;

namespace VideoSeg.Data.Sequences;

/// <summary>
/// Opens a sequence of a suite in the DAVIS layout and checks it before any stage relies on it:
/// frames numbered contiguously with none missing, all of one size, and every annotation of its
/// frame's size. Decoding runs in parallel over frames.
/// </summary>
public static class SequenceReader
{
    /// <summary>
    /// Validates and describes <paramref name="sequence"/>. Errors: <see cref="ErrorCodes.MissingFile"/>
    /// for a missing folder, a gap in the frame numbering, an annotation whose frame is absent, or (with
    /// <paramref name="requireAnnotations"/>) a frame without annotation; <see cref="ErrorCodes.BadLayout"/>
    /// for frame names that are not numbers or a number present twice; <see cref="ErrorCodes.SizeMismatch"/>
    /// for a frame or annotation whose size differs from the first frame's; <see cref="ErrorCodes.CorruptImage"/>
    /// for a header that cannot be read.
    /// </summary>
    public static VideoSequence Open(DatasetLayout layout, string sequence, bool requireAnnotations = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentException.ThrowIfNullOrEmpty(sequence);
        string framesDirectory = Path.Combine(layout.FramesRoot, sequence);
        IReadOnlyList<string> listed = layout.FramePaths(sequence);
        if (listed.Count == 0)
        {
            throw new VideoSegException(ErrorCodes.MissingFile, $"sequence '{sequence}' has no frames: expected numbered images (00000.jpg, 00001.jpg, ...) in '{framesDirectory}'", framesDirectory);
        }

        List<(long Number, string Stem, string Path)> frames = NumberFrames(listed, framesDirectory);
        CheckContiguous(frames, framesDirectory);

        string[] stems = frames.Select(f => f.Stem).ToArray();
        string[] framePaths = frames.Select(f => f.Path).ToArray();
        CheckAnnotationsHaveFrames(layout, sequence, stems, framePaths);

        var annotationPaths = new string?[stems.Length];
        for (int i = 0; i < stems.Length; i++)
        {
            string path = layout.AnnotationPath(sequence, stems[i]);
            if (File.Exists(path))
            {
                annotationPaths[i] = path;
            }
            else if (requireAnnotations)
            {
                throw new VideoSegException(ErrorCodes.MissingFile, $"annotation of frame '{framePaths[i]}' not found: expected a 0/255 mask at '{path}'", path);
            }
        }

        ImageSize[] frameSizes = ParallelDecoder.Map(framePaths.Length, i => ImageCodec.ReadSize(framePaths[i]), cancellationToken);
        ImageSize size = frameSizes[0];
        for (int i = 1; i < frameSizes.Length; i++)
        {
            if (frameSizes[i] != size)
            {
                throw new VideoSegException(ErrorCodes.SizeMismatch, $"frame '{framePaths[i]}' is {frameSizes[i]} but the sequence's first frame '{framePaths[0]}' is {size}: all frames of a sequence must share one size", framePaths[i]);
            }
        }

        ImageSize?[] maskSizes = ParallelDecoder.Map(annotationPaths.Length, i => annotationPaths[i] is { } p ? ImageCodec.ReadSize(p) : (ImageSize?)null, cancellationToken);
        for (int i = 0; i < maskSizes.Length; i++)
        {
            if (maskSizes[i] is { } maskSize && maskSize != size)
            {
                throw new VideoSegException(ErrorCodes.SizeMismatch, $"annotation '{annotationPaths[i]}' is {maskSize} but its frame '{framePaths[i]}' is {size}: a mask must have its frame's size", annotationPaths[i]);
            }
        }

        return new VideoSequence(sequence, stems, framePaths, annotationPaths, size);
    }

    /// <summary>Decodes every frame, in parallel, in sequence order.</summary>
    public static IReadOnlyList<RgbImage> ReadFrames(VideoSequence sequence, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        return ParallelDecoder.Map(sequence.Count, i => ReadFrame(sequence, i), cancellationToken);
    }

    /// <summary>
    /// Decodes every ground-truth mask, in parallel, in sequence order (foreground = value &gt; <paramref name="threshold"/>).
    /// A frame without annotation is <see cref="ErrorCodes.MissingFile"/>: scoring needs them all.
    /// </summary>
    public static IReadOnlyList<BinaryMask> ReadMasks(VideoSequence sequence, int threshold = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        return ParallelDecoder.Map(sequence.Count, i => ReadMask(sequence, i, threshold), cancellationToken);
    }

    /// <summary>Decodes frame <paramref name="index"/>, checking it still has the sequence's size.</summary>
    public static RgbImage ReadFrame(VideoSequence sequence, int index)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, sequence.Count);
        string path = sequence.FramePaths[index];
        RgbImage image = ImageCodec.ReadRgb(path);
        CheckSize(path, image.Width, image.Height, sequence, "frame");
        return image;
    }

    /// <summary>Decodes the ground-truth mask of frame <paramref name="index"/>; a frame without one is <see cref="ErrorCodes.MissingFile"/>.</summary>
    public static BinaryMask ReadMask(VideoSequence sequence, int index, int threshold = 0)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, sequence.Count);
        string? path = sequence.AnnotationPaths[index];
        if (path is null)
        {
            throw new VideoSegException(ErrorCodes.MissingFile, $"frame '{sequence.FramePaths[index]}' of sequence '{sequence.Name}' has no annotation: expected Annotations/<resolution>/{sequence.Name}/{sequence.FrameStems[index]}.png", sequence.FramePaths[index]);
        }

        BinaryMask mask = ImageCodec.ReadMask(path, threshold);
        CheckSize(path, mask.Width, mask.Height, sequence, "annotation");
        return mask;
    }

    private static void CheckSize(string path, int width, int height, VideoSequence sequence, string what)
    {
        if (width != sequence.Width || height != sequence.Height)
        {
            throw new VideoSegException(ErrorCodes.SizeMismatch, $"{what} '{path}' is {width}×{height} but sequence '{sequence.Name}' is {sequence.Width}×{sequence.Height}", path);
        }
    }

    private static List<(long Number, string Stem, string Path)> NumberFrames(IReadOnlyList<string> paths, string directory)
    {
        var frames = new List<(long Number, string Stem, string Path)>(paths.Count);
        foreach (string path in paths)
        {
            string stem = Path.GetFileNameWithoutExtension(path);
            if (stem.Length == 0 || stem.Length > 18 || !stem.All(char.IsAsciiDigit))
            {
                throw new VideoSegException(ErrorCodes.BadLayout, $"frame '{path}' is not named by its number: expected names such as 00000.jpg in '{directory}'", path);
            }

            frames.Add((long.Parse(stem, NumberStyles.None, CultureInfo.InvariantCulture), stem, path));
        }

        frames.Sort((a, b) => a.Number != b.Number ? a.Number.CompareTo(b.Number) : string.CompareOrdinal(a.Path, b.Path));
        for (int i = 1; i < frames.Count; i++)
        {
            if (frames[i].Number == frames[i - 1].Number)
            {
                throw new VideoSegException(ErrorCodes.BadLayout, $"frame number {frames[i].Number} appears twice, as '{frames[i - 1].Path}' and '{frames[i].Path}': expected one file per frame", frames[i].Path);
            }
        }

        return frames;
    }

    private static void CheckContiguous(List<(long Number, string Stem, string Path)> frames, string directory)
    {
        for (int i = 1; i < frames.Count; i++)
        {
            long expected = frames[i - 1].Number + 1;
            if (frames[i].Number != expected)
            {
                string stem = expected.ToString(CultureInfo.InvariantCulture).PadLeft(frames[i - 1].Stem.Length, '0');
                string missing = Path.Combine(directory, stem + Path.GetExtension(frames[i - 1].Path));
                throw new VideoSegException(ErrorCodes.MissingFile, $"frame {stem} is missing: expected '{missing}' between '{Path.GetFileName(frames[i - 1].Path)}' and '{Path.GetFileName(frames[i].Path)}' (frames must be numbered contiguously)", missing);
            }
        }
    }

    private static void CheckAnnotationsHaveFrames(DatasetLayout layout, string sequence, string[] stems, string[] framePaths)
    {
        string annotations = Path.Combine(layout.AnnotationsRoot, sequence);
        if (!Directory.Exists(annotations))
        {
            return;
        }

        var known = new HashSet<string>(stems, StringComparer.Ordinal);
        foreach (string mask in Directory.GetFiles(annotations, "*.png").OrderBy(p => p, StringComparer.Ordinal))
        {
            string stem = Path.GetFileNameWithoutExtension(mask);
            if (!known.Contains(stem))
            {
                string expected = Path.Combine(layout.FramesRoot, sequence, stem + Path.GetExtension(framePaths[^1]));
                throw new VideoSegException(ErrorCodes.MissingFile, $"annotation '{mask}' has no frame: expected '{expected}'", expected);
            }
        }
    }
}
