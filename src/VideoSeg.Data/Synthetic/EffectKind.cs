namespace VideoSeg.Data.Synthetic;

/// <summary>The translucent appearance effects an object can carry with it.</summary>
internal enum EffectKind
{
    /// <summary>A darkened, squashed and sheared copy of the object's outline below it.</summary>
    Shadow,

    /// <summary>A mirrored, faded copy of the object below it.</summary>
    Reflection,
}
