namespace VideoSeg.Refine;

/// <summary>
/// Which flow a refinement uses to carry a mask from a source frame s into a target frame t with a
/// backward warp (sampling at x + flow(x)).
/// </summary>
public enum PropagationFlow
{
    /// <summary>
    /// Geometrically consistent (the default): sample the source mask with the flow from the TARGET to the
    /// source (t → s), which is defined on the target's pixels, so the warped mask lands where the object is
    /// in frame t.
    /// </summary>
    TargetToSource,

    /// <summary>
    /// SSL-VOS's and the paper code's usage: the source mask is sampled with the flow from the SOURCE to the
    /// target (s → t), e.g. <c>warp_w_opflow(mask_t, flow_t→t+1)</c> compared with mask_{t+1} in
    /// <c>global_optimization.py</c> and assigned to frame i + 1 in <c>iterative_warping.py</c>. For a
    /// translation by d this shifts the mask by −d, the opposite way; it is offered to reproduce the paper.
    /// </summary>
    SourceToTarget,
}
