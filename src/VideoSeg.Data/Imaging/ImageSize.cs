namespace VideoSeg.Data.Imaging;

/// <summary>The pixel dimensions of an image, read from its header.</summary>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
public readonly record struct ImageSize(int Width, int Height)
{
    /// <summary>"W×H", the form every size message uses.</summary>
    public override string ToString() => $"{Width}×{Height}";
}
