using System.Collections.Generic;
using System.IO;
using System.Threading;
using VideoSeg.Core;
using VideoSeg.Core.Imaging;
using VideoSeg.Data.Imaging;
using VideoSeg.Data.Sequences;

namespace VideoSeg.Data.Masks;

/// <summary>Reads and writes per-sequence mask folders in the DAVIS results layout (<c>&lt;root&gt;/&lt;seq&gt;/&lt;stem&gt;.png</c>, 0/255).</summary>
public static class MaskFolders
{
    /// <summary>The path of one mask.</summary>
    public static string PathOf(string root, string sequence, string stem) => Path.Combine(root, sequence, stem + ".png");

    /// <summary>Reads the masks of <paramref name="stems"/>; a missing one is a VSEG2001 error naming it.</summary>
    public static IReadOnlyList<BinaryMask> Read(string root, string sequence, IReadOnlyList<string> stems) =>
        ParallelDecoder.Map(
            stems.Count,
            i =>
            {
                string path = PathOf(root, sequence, stems[i]);
                return File.Exists(path)
                    ? ImageCodec.ReadMask(path)
                    : throw new VideoSegException(ErrorCodes.MissingFile, $"mask not found: expected '{path}' for frame {stems[i]} of '{sequence}'", path);
            },
            CancellationToken.None);

    /// <summary>Writes masks as 0/255 PNGs.</summary>
    public static void Write(string root, string sequence, IReadOnlyList<string> stems, IReadOnlyList<BinaryMask> masks) =>
        ParallelDecoder.ForEach(stems.Count, i => ImageCodec.WriteMaskPng(PathOf(root, sequence, stems[i]), masks[i]), CancellationToken.None);
}
