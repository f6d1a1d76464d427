using System;
using ScottPlot;
using SkiaSharp;

namespace VideoSeg.Reports.Fonts;

/// <summary>
/// Answers ScottPlot's font requests for one name with a typeface made from embedded bytes,
/// whatever weight or slant is asked for (the repository carries only the regular face).
/// </summary>
internal sealed class EmbeddedFontResolver : IFontResolver
{
    private readonly string _fontName;
    private readonly byte[] _bytes;

    public EmbeddedFontResolver(string fontName, byte[] bytes)
    {
        _fontName = fontName;
        _bytes = bytes;
    }

    public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
        Matches(fontName) ? RepositoryFont.CreateTypefaceCopy(_bytes) : null;

    public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing spacing) =>
        Matches(fontName) ? RepositoryFont.CreateTypefaceCopy(_bytes) : null;

    private bool Matches(string fontName) => string.Equals(fontName, _fontName, StringComparison.Ordinal);
}
