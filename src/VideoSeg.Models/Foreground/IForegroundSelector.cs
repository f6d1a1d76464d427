using System.Diagnostics.CodeAnalysis;

namespace VideoSeg.Models.Foreground;

/// <summary>
/// A rule that says which of two merged masks is the foreground object.
/// </summary>
public interface IForegroundSelector
{
    /// <summary>A short stable name for reports; an oracle's name contains "oracle".</summary>
    public string Name { get; }

    /// <summary>Whether the rule reads the ground truth (an oracle, not a method).</summary>
    public bool UsesGroundTruth { get; }

    /// <summary>The index (0 or 1) of the foreground mask in <see cref="ForegroundCandidates.Masks"/>.</summary>
    [SuppressMessage("Naming", "CA1716", Justification = "The harness is C#-only; Select is the name the design (issue 4) fixes.")]
    public int Select(ForegroundCandidates candidates);
}
