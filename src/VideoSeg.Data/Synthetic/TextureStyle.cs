namespace VideoSeg.Data.Synthetic;

/// <summary>The pattern families of procedural textures.</summary>
internal enum TextureStyle
{
    /// <summary>Multi-octave value noise.</summary>
    Noise,

    /// <summary>Noise-warped stripes blended with noise.</summary>
    Stripes,

    /// <summary>A soft checkerboard blended with noise.</summary>
    Checker,
}
