using System.Collections.Generic;
using System.IO;
using System.Threading;
using VideoSeg.Core;
using VideoSeg.Core.Imaging;
using VideoSeg.Core.Pipeline;
using VideoSeg.Data.Imaging;
using VideoSeg.Data.Sequences;

namespace VideoSeg.Flow.Storage;

/// <summary>Reads one sequence's visibility masks (the occlusions stage's <c>Occlusions_gap{g}/&lt;seq&gt;/&lt;stem&gt;.png</c>) for the stages after it.</summary>
public static class SequenceVisibilityStore
{
    /// <summary>
    /// N entries for <paramref name="gap"/>, entry t the visibility of frame t's pixels in frame t + g, null exactly where
    /// t + g is outside the sequence. A missing file where a mask must exist is a VSEG2001 error naming it.
    /// </summary>
    public static BinaryMask?[] Read(string occlusionsRoot, int gap, string sequence, IReadOnlyList<string> stems, CancellationToken cancellationToken = default) =>
        ParallelDecoder.Map(
            stems.Count,
            t =>
            {
                if (t + gap < 0 || t + gap >= stems.Count)
                {
                    return null;
                }

                string path = DatasetLayout.OcclusionPath(occlusionsRoot, gap, sequence, stems[t]);
                return File.Exists(path)
                    ? ImageCodec.ReadMask(path)
                    : throw new VideoSegException(ErrorCodes.MissingFile, $"visibility mask not found: expected '{path}'; rerun 'videoseg occlusions'", path);
            },
            cancellationToken);
}
