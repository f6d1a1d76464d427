using System;
using System.IO;
using System.Threading;
using SkiaSharp;

namespace VideoSeg.Reports.Fonts;

/// <summary>
/// The TrueType font committed with the repository (DejaVu Sans, Bitstream Vera licence, see
/// Fonts/LICENSE-DejaVu.txt), embedded in this assembly. Every figure and strip draws its text
/// with it, so output does not depend on which fonts a machine happens to have installed.
/// </summary>
public static class RepositoryFont
{
    /// <summary>The family name stored in the font file, which SVG output names.</summary>
    public const string FamilyName = "DejaVu Sans";

    /// <summary>
    /// The name under which the font is registered with ScottPlot. It differs from any installed
    /// family so that a request for it can only be answered by the embedded file.
    /// </summary>
    public const string ScottPlotFontName = "VideoSeg Repository Sans";

    private const string ResourceName = "VideoSeg.Reports.Fonts.DejaVuSans.ttf";

    private static readonly Lazy<byte[]> s_bytes = new(LoadBytes, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<SKTypeface> s_typeface = new(CreateTypeface, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lock s_registrationLock = new();
    private static bool s_registered;

    /// <summary>The font file's bytes.</summary>
    public static ReadOnlySpan<byte> Bytes => s_bytes.Value;

    /// <summary>One shared typeface made from the embedded file; do not dispose it.</summary>
    public static SKTypeface Typeface => s_typeface.Value;

    /// <summary>
    /// Registers the embedded font with ScottPlot under <see cref="ScottPlotFontName"/>, once per
    /// process; later calls do nothing.
    /// </summary>
    public static void RegisterWithScottPlot()
    {
        lock (s_registrationLock)
        {
            if (s_registered)
            {
                return;
            }

            ScottPlot.Fonts.FontResolvers.Insert(0, new EmbeddedFontResolver(ScottPlotFontName, s_bytes.Value));
            s_registered = true;
        }
    }

    /// <summary>A new typeface made from the embedded bytes; the caller owns it.</summary>
    internal static SKTypeface CreateTypefaceCopy(byte[] bytes)
    {
        using SKData data = SKData.CreateCopy(bytes);
        return SKTypeface.FromData(data)
            ?? throw new InvalidOperationException($"the embedded font '{ResourceName}' could not be loaded by SkiaSharp");
    }

    private static SKTypeface CreateTypeface() => CreateTypefaceCopy(s_bytes.Value);

    private static byte[] LoadBytes()
    {
        using Stream stream = typeof(RepositoryFont).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource '{ResourceName}' is missing from {typeof(RepositoryFont).Assembly.GetName().Name}");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
