using System.Globalization;
using VideoSeg.Core;

namespace VideoSeg.Models.Raft;

/// <summary>Which RAFT runs and for how many update iterations.</summary>
/// <param name="Variant">The full model or RAFT-small; it must match the weights.</param>
/// <param name="Iterations">
/// Update iterations per pair (RAFT's <c>iters</c>): 12 is <c>forward</c>'s default, 20 is <c>demo.py</c>'s and
/// MotionGrouping's (GWM's flows), 32 the Sintel evaluation's.
/// </param>
public sealed record RaftOptions(RaftVariant Variant, int Iterations = RaftOptions.DefaultIterations)
{
    /// <summary>20, as <c>demo.py</c> and the MotionGrouping scripts that made GWM's flows.</summary>
    public const int DefaultIterations = 20;

    /// <summary>The largest iteration count accepted; more only repeats converged updates.</summary>
    public const int MaximumIterations = 1000;

    /// <summary>Checks the iteration count.</summary>
    /// <exception cref="VideoSegException"><see cref="ErrorCodes.InvalidArgument"/> for fewer than 1 or more than <see cref="MaximumIterations"/>.</exception>
    public void Validate()
    {
        if (Iterations < 1 || Iterations > MaximumIterations)
        {
            throw new VideoSegException(
                ErrorCodes.InvalidArgument,
                string.Create(CultureInfo.InvariantCulture, $"--raft-iterations must be between 1 and {MaximumIterations}, got {Iterations}"));
        }
    }
}
