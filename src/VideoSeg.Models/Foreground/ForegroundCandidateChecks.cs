using System;
using VideoSeg.Core;
using static TorchSharp.torch;

namespace VideoSeg.Models.Foreground;

/// <summary>Input checks shared by the selectors.</summary>
internal static class ForegroundCandidateChecks
{
    /// <summary>Throws unless the candidates hold two (2, h, w) masks; returns them.</summary>
    internal static Tensor RequireMasks(ForegroundCandidates candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        Tensor masks = candidates.Masks ?? throw new VideoSegException(ErrorCodes.InvalidArgument, "the candidates hold no masks");
        if (masks.dim() != 3 || masks.shape[0] != 2)
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, $"expected two masks (2, h, w), got [{string.Join(",", masks.shape)}]");
        }

        return masks;
    }

    /// <summary>
    /// The hard segmentation of GWM's <c>argmax(0)</c>: true where mask 1 is strictly larger (ties go to mask 0,
    /// as torch's argmax returns the first maximum).
    /// </summary>
    internal static Tensor Mask1Wins(Tensor masks) => masks[1] > masks[0];
}
