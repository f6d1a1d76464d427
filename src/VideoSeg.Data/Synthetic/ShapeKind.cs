namespace VideoSeg.Data.Synthetic;

/// <summary>The outline families an object can have.</summary>
internal enum ShapeKind
{
    /// <summary>An ellipse.</summary>
    Ellipse,

    /// <summary>A rectangle with rounded corners.</summary>
    RoundedRectangle,

    /// <summary>A star-like blob whose radius varies sinusoidally with the angle.</summary>
    Blob,
}
