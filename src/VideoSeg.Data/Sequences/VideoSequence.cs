using System;
using System.Collections.Generic;
using System.Linq;
using VideoSeg.Data.Imaging;

namespace VideoSeg.Data.Sequences;

/// <summary>
/// One validated sequence of a suite in the DAVIS layout: its frames in order, contiguous and of
/// one size, and the ground-truth mask of each frame where there is one. Create it with
/// <see cref="SequenceReader.Open"/>, which checks all of that.
/// </summary>
public sealed class VideoSequence
{
    /// <summary>Creates a sequence description; <see cref="SequenceReader.Open"/> is the validating way to get one.</summary>
    public VideoSequence(string name, IReadOnlyList<string> frameStems, IReadOnlyList<string> framePaths, IReadOnlyList<string?> annotationPaths, ImageSize size)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(frameStems);
        ArgumentNullException.ThrowIfNull(framePaths);
        ArgumentNullException.ThrowIfNull(annotationPaths);
        if (frameStems.Count == 0 || framePaths.Count != frameStems.Count || annotationPaths.Count != frameStems.Count)
        {
            throw new ArgumentException($"a sequence needs at least one frame and one stem, path and (possibly null) annotation per frame; got {frameStems.Count} stems, {framePaths.Count} paths, {annotationPaths.Count} annotations");
        }

        Name = name;
        FrameStems = frameStems.ToArray();
        FramePaths = framePaths.ToArray();
        AnnotationPaths = annotationPaths.ToArray();
        Width = size.Width;
        Height = size.Height;
    }

    /// <summary>The sequence's name, e.g. "car-shadow".</summary>
    public string Name { get; }

    /// <summary>The frames' file names without extension, in order, e.g. "00000".</summary>
    public IReadOnlyList<string> FrameStems { get; }

    /// <summary>The frames' full paths, in order.</summary>
    public IReadOnlyList<string> FramePaths { get; }

    /// <summary>Each frame's ground-truth mask path, or null where the frame has no annotation.</summary>
    public IReadOnlyList<string?> AnnotationPaths { get; }

    /// <summary>Frame width in pixels, common to all frames and masks.</summary>
    public int Width { get; }

    /// <summary>Frame height in pixels, common to all frames and masks.</summary>
    public int Height { get; }

    /// <summary>The number of frames.</summary>
    public int Count => FrameStems.Count;

    /// <summary>Whether every frame has a ground-truth mask.</summary>
    public bool IsFullyAnnotated => AnnotationPaths.All(p => p is not null);
}
