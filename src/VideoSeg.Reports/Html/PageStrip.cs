namespace VideoSeg.Reports.Html;

/// <summary>One sequence's qualitative strip: frame, ground truth, base mask and each refinement.</summary>
/// <param name="Sequence">The sequence.</param>
/// <param name="Frame">The frame shown (its file stem).</param>
/// <param name="Summary">The sequence's scores in words, e.g. base J and the best refinement's.</param>
/// <param name="Image">The strip's report-relative, URL-escaped path.</param>
/// <param name="Width">The strip's width in pixels.</param>
/// <param name="Height">The strip's height in pixels.</param>
public sealed record PageStrip(string Sequence, string Frame, string Summary, string Image, int Width, int Height);
