namespace VideoSeg.Core.Experiments;

/// <summary>Which form of the flow-warping consistency loss a fine-tuning run uses; every result is labelled with it.</summary>
public enum ConsistencyLossForm
{
    /// <summary>
    /// The paper code's loss, ported as it runs (magdyhasan/guess-what-moves-optimization
    /// <c>src/losses/ssl_consistency_loss.py</c>, <c>lossSSL</c>): <c>BCEWithLogitsLoss</c> fed probabilities where
    /// it expects logits, targets not detached, frame t's mask sampled with the t→t+1 flow (against the motion),
    /// the consistency code's warp (the paper-consistency-code warp convention), and flows
    /// scaled as if resized without rescaling their displacements.
    /// </summary>
    PaperCode,

    /// <summary>
    /// The loss the paper's text describes, geometrically consistent: binary cross-entropy on probabilities with a
    /// detached target, frame t's mask carried into frame t+1 with the t+1→t flow (and the reverse), the exact
    /// warp (the pixel-exact warp convention) and flows at the working resolution.
    /// </summary>
    Corrected,
}
