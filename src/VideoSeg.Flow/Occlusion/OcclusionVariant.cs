namespace VideoSeg.Flow.Occlusion;

/// <summary>Which form of the forward–backward consistency check decides visibility.</summary>
public enum OcclusionVariant
{
    /// <summary>
    /// The UnFlow paper's eq. and the seed paper's eq. (1): visible where
    /// |w_f + ŵ_b|² &lt; α1·(|w_f|² + |ŵ_b|²) + α2, with ŵ_b = w_b(x + w_f) (the backward flow warped
    /// by the forward flow), both in the magnitude term and in the difference. Outside the image the
    /// warped backward flow reads zero (the warp's zero padding), so pixels that leave the frame with more
    /// than about √α2 px of motion are occluded.
    /// </summary>
    Paper,

    /// <summary>
    /// simonmeister/UnFlow's code (<c>src/e2eflow/core/losses.py</c>, <c>occlusion</c> and <c>compute_losses</c>):
    /// <c>mag_sq = length_sq(flow_fw) + length_sq(flow_bw)</c> uses the UNWARPED backward flow in the
    /// magnitude term, while the difference uses the warped one; occluded where the difference is strictly
    /// greater than the threshold (so equality counts as visible); and its <c>image_warp</c> clamps the
    /// bilinear taps to the image, i.e. border padding, so pixels leaving the frame read the edge value.
    /// </summary>
    UnFlowCode,
}
