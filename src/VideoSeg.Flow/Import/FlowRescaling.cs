namespace VideoSeg.Flow.Import;

/// <summary>What happens to displacement values when a stored flow is resampled to another resolution.</summary>
public enum FlowRescaling
{
    /// <summary>
    /// Multiply u by target width / stored width and v by target height / stored height, so the flow stays in
    /// pixels of the resolution it is resampled to. This is geometrically correct and the default.
    /// </summary>
    ScaleDisplacements,

    /// <summary>
    /// Resample the field but keep the stored values, as the paper's code does (<c>rescale_flow(..., renormalize=False)</c>
    /// in magdyhasan/guess-what-moves-optimization): SSL-VOS's 640×384 ARFlow displacements are then used unchanged
    /// at 224×128. Use it to reproduce the paper's behaviour.
    /// </summary>
    KeepDisplacements,
}
