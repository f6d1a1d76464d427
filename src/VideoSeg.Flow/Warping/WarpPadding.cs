namespace VideoSeg.Flow.Warping;

/// <summary>What a backward warp reads where the sampling position falls outside the image.</summary>
public enum WarpPadding
{
    /// <summary>Zeros outside (PyTorch's <c>padding_mode="zeros"</c>, as in SSL-VOS and the paper's code).</summary>
    Zeros,

    /// <summary>
    /// The nearest border value (<c>padding_mode="border"</c>). With <see cref="WarpConvention.PixelExact"/>
    /// this equals UnFlow's TensorFlow <c>image_warp</c>, which clamps the four bilinear taps to the image.
    /// </summary>
    Border,
}
