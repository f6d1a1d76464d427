using System.Collections.Generic;

namespace VideoSeg.Reports.Html;

/// <summary>A figure on the study page: an inline SVG or an image by relative path.</summary>
/// <param name="Id">The figure's HTML id.</param>
/// <param name="Title">Its heading.</param>
/// <param name="Caption">What it shows and how it was measured.</param>
/// <param name="Svg">The SVG markup, already checked to be well-formed, or null for an image.</param>
/// <param name="Image">The report-relative, URL-escaped path of the image when <paramref name="Svg"/> is null.</param>
/// <param name="Width">The image's width in pixels (0 for SVG, which scales to the page).</param>
/// <param name="Height">The image's height in pixels (0 for SVG).</param>
/// <param name="Files">The figure's files (data, SVG, PNG), report-relative.</param>
public sealed record PageFigure(string Id, string Title, string Caption, string? Svg, string? Image, int Width, int Height, IReadOnlyList<string> Files);
