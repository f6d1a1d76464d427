using System.Collections.Generic;
using System.Linq;

namespace VideoSeg.Data.Acquisition;

/// <summary>
/// What an acquisition produced. It is also written as <c>acquisition.json</c> in the dataset
/// folder, which marks the folder complete and lets a later run reuse it.
/// </summary>
/// <param name="Dataset">The catalogue name.</param>
/// <param name="DatasetRoot">The dataset folder, in the DAVIS layout.</param>
/// <param name="Splits">The splits converted.</param>
/// <param name="ArchivePath">The archive converted.</param>
/// <param name="ArchiveSha256">Its SHA-256.</param>
/// <param name="ArchiveMd5">Its MD5.</param>
/// <param name="ArchiveChecksumVerified">True when it matched a published or given checksum.</param>
/// <param name="Sequences">The sequences, in the order of <c>ImageSets/sequences.txt</c>.</param>
/// <param name="ContentSha256">The content hash of the dataset folder (without this marker), as <c>ContentHash.OfDirectory</c> computes it.</param>
/// <param name="Warnings">
/// Every warning logged while acquiring, each as its canonical line (<see cref="VideoSeg.Core.VideoSegWarning.ToDiagnosticString"/>,
/// <c>path: warning VSEG####: message</c>). Strings rather than records, so that markers written before
/// warnings were records still read back, and a marker is readable without VideoSeg's types.
/// </param>
public sealed record AcquisitionResult(
    string Dataset,
    string DatasetRoot,
    IReadOnlyList<string> Splits,
    string ArchivePath,
    string ArchiveSha256,
    string ArchiveMd5,
    bool ArchiveChecksumVerified,
    IReadOnlyList<AcquiredSequence> Sequences,
    string ContentSha256,
    IReadOnlyList<string> Warnings)
{
    /// <summary>True when this run downloaded the archive.</summary>
    public bool Downloaded { get; init; }

    /// <summary>True when a complete dataset folder from an earlier run was reused and nothing was converted.</summary>
    public bool Reused { get; init; }

    /// <summary>Frames over all sequences.</summary>
    public int TotalFrames => Sequences.Sum(s => s.FrameCount);
}
