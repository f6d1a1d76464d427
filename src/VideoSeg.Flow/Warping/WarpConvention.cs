namespace VideoSeg.Flow.Warping;

/// <summary>
/// How <see cref="FlowWarp.Backward(TorchSharp.torch.Tensor, TorchSharp.torch.Tensor, WarpConvention, WarpPadding)"/>
/// turns a flow in pixels into <c>grid_sample</c> coordinates. The conventions differ by up to about
/// half a pixel near the image borders, and the paper's numbers were produced with the non-exact ones.
/// </summary>
public enum WarpConvention
{
    /// <summary>
    /// Geometrically exact: pixel centres sit at integer coordinates 0 … W−1, the sampling position is
    /// (x + u, y + v), normalised as 2·p/(W−1) − 1 and sampled with <c>align_corners=true</c>, which maps
    /// −1 and +1 to the centres of the first and last pixels. A zero flow reproduces the input exactly and
    /// an integer flow moves pixels by exactly that many pixels.
    /// </summary>
    PixelExact,

    /// <summary>
    /// SSL-VOS's <c>warp_w_opflow</c> (ponimatkin/ssl-vos <c>utils/flow_utils.py</c>), which the paper cites as
    /// "the warping function from SSL-VOS": an identity <c>affine_grid</c> built with <c>align_corners=false</c>
    /// (pixel centres at (2x+1)/W − 1) plus 2·u/(W−1), 2·v/(H−1), then <c>grid_sample(bilinear,
    /// align_corners=true)</c>. The grid and the sampler disagree about where pixel centres are, so the
    /// sampling position is x + u + (W−1−2x)/(2W): a zero flow shrinks the image towards its centre by up to
    /// half a pixel at the borders (+≈0.5 px at x = 0, −≈0.5 px at x = W−1, exact only at the centre).
    /// </summary>
    SslVos,

    /// <summary>
    /// The paper code's iterative refinement (magdyhasan/guess-what-moves-optimization
    /// <c>src/iterative_warping.py</c>, <c>warp_w_opflow</c>), where the division by (W−1, H−1) is commented
    /// out: identity <c>affine_grid</c> (<c>align_corners=false</c>) plus 2·u, 2·v with the flow still in pixels,
    /// then <c>grid_sample(bilinear)</c> with PyTorch's default <c>align_corners=false</c>. A flow of u pixels
    /// therefore moves the sampling position by u·W pixels (u·H vertically), so any flow beyond a small
    /// fraction of a pixel samples outside the image and yields zeros. Offered only to reproduce the paper's
    /// Sec. 5.3 numbers; it is not a sensible warp.
    /// </summary>
    PaperIterativeCode,

    /// <summary>
    /// The paper code's consistency loss (magdyhasan/guess-what-moves-optimization
    /// <c>src/losses/ssl_consistency_loss.py</c>, <c>warp_w_opflow</c>): the identity <c>affine_grid</c>
    /// (<c>align_corners=false</c>) plus 2·u/(W−1), 2·v/(H−1), then <c>grid_sample(bilinear)</c> with PyTorch's
    /// default <c>align_corners=false</c>. Grid and sampler agree about pixel centres, but the flow is normalised
    /// by W−1 where the sampler's scale is W, so the sampling position is x + u·W/(W−1), y + v·H/(H−1): a
    /// zero flow is exact and a flow of u pixels moves u·W/(W−1) pixels.
    /// </summary>
    PaperConsistencyCode,
}
