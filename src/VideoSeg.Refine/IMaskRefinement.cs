using System.Collections.Generic;
using System.Threading;
using VideoSeg.Core.Imaging;
using VideoSeg.Flow.Occlusion;

namespace VideoSeg.Refine;

/// <summary>A post-processing step that refines one sequence's masks with its optical flows.</summary>
public interface IMaskRefinement
{
    /// <summary>A short label for reports, including the settings that change the result.</summary>
    public string Name { get; }

    /// <summary>Refines the N masks of one sequence (frame order) with that sequence's flows.</summary>
    public IReadOnlyList<BinaryMask> Refine(IReadOnlyList<BinaryMask> masks, SequenceFlows flows, CancellationToken cancellationToken);
}
