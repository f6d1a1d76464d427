namespace VideoSeg.Reports.Qualitative;

/// <summary>The fixed geometry of a qualitative strip.</summary>
/// <param name="PanelWidth">Each panel's width in pixels; the strip is this times the number of panels wide.</param>
/// <param name="ImageHeight">The height of each panel's image area in pixels.</param>
/// <param name="CaptionHeight">The height of the caption band above the images, in pixels.</param>
/// <param name="FontSize">The caption's preferred text size in pixels; long captions are drawn smaller to fit.</param>
/// <param name="OverlayOpacity">How strongly a mask's colour covers the frame, in [0, 1].</param>
/// <param name="Gutter">Pixels of background kept between neighbouring panels' images (half on each side).</param>
public sealed record QualitativeStripOptions(
    int PanelWidth = 320,
    int ImageHeight = 180,
    int CaptionHeight = 28,
    float FontSize = 15f,
    double OverlayOpacity = 0.5,
    int Gutter = 4)
{
    /// <summary>The defaults: 320-pixel panels, 180-pixel images, a 28-pixel caption band.</summary>
    public static QualitativeStripOptions Default { get; } = new();

    /// <summary>The strip's height in pixels.</summary>
    public int StripHeight => CaptionHeight + ImageHeight;
}
