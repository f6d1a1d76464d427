using System;
using System.Collections.Generic;
using System.Globalization;
using SkiaSharp;
using VideoSeg.Core;
using VideoSeg.Core.IO;
using VideoSeg.Core.Imaging;
using VideoSeg.Reports.Fonts;

namespace VideoSeg.Reports.Qualitative;

/// <summary>
/// Writes one row of panels as a PNG, in the manner of the paper's Figure 7: the frame, the ground
/// truth, then each mask (base and refinements), every mask drawn as a coloured overlay on the
/// frame under its caption. Panels have a fixed size and captions use the repository's font, so
/// the same inputs give the same bytes.
/// </summary>
public static class QualitativeStripWriter
{
    private static readonly SKColor s_background = new(24, 24, 24);
    private static readonly SKColor s_captionBackground = new(255, 255, 255);
    private static readonly SKColor s_captionText = new(0, 0, 0);
    private static readonly SKColor s_truthColour = new(0, 200, 0);

    // Distinct from the ground truth's green; cycled when there are more masks than colours.
    private static readonly SKColor[] s_maskColours =
    [
        new(230, 25, 75),
        new(0, 130, 200),
        new(245, 130, 48),
        new(145, 30, 180),
        new(70, 240, 240),
        new(240, 50, 230),
    ];

    /// <summary>Atomically writes the strip to <paramref name="path"/>.</summary>
    /// <exception cref="VideoSegException">A mask's size differs from the frame's.</exception>
    public static void Write(
        string path,
        RgbImage frame,
        BinaryMask truth,
        IReadOnlyList<LabelledMask> masks,
        QualitativeStripOptions? options = null) =>
        AtomicFile.WriteAllBytes(path, Render(frame, truth, masks, options, path));

    /// <summary>The strip's PNG bytes; <paramref name="sourceName"/> names the output in errors.</summary>
    /// <exception cref="VideoSegException">A mask's size differs from the frame's.</exception>
    public static byte[] Render(
        RgbImage frame,
        BinaryMask truth,
        IReadOnlyList<LabelledMask> masks,
        QualitativeStripOptions? options = null,
        string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(masks);
        options ??= QualitativeStripOptions.Default;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.PanelWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.ImageHeight);
        ArgumentOutOfRangeException.ThrowIfNegative(options.CaptionHeight);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Gutter);
        RequireSameSize(frame, truth, "ground truth", sourceName);
        foreach (LabelledMask mask in masks)
        {
            RequireSameSize(frame, mask.Mask, $"mask '{mask.Label}'", sourceName);
        }

        int panels = 2 + masks.Count;
        var info = new SKImageInfo(panels * options.PanelWidth, options.StripHeight, SKColorType.Rgba8888, SKAlphaType.Premul);
        using SKSurface surface = SKSurface.Create(info)
            ?? throw new InvalidOperationException($"SkiaSharp could not create a {info.Width}×{info.Height} raster surface");
        SKCanvas canvas = surface.Canvas;
        canvas.Clear(s_background);

        DrawPanel(canvas, 0, frame, null, default, "Frame", options);
        DrawPanel(canvas, 1, frame, truth, s_truthColour, "Ground truth", options);
        for (int i = 0; i < masks.Count; i++)
        {
            LabelledMask mask = masks[i];
            string caption = mask.J is double j
                ? string.Create(CultureInfo.InvariantCulture, $"{mask.Label}  J={j * 100:F1}")
                : mask.Label;
            DrawPanel(canvas, 2 + i, frame, mask.Mask, s_maskColours[i % s_maskColours.Length], caption, options);
        }

        canvas.Flush();
        using SKImage image = surface.Snapshot();
        using SKData png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    private static void RequireSameSize(RgbImage frame, BinaryMask mask, string what, string? sourceName)
    {
        if (mask.Width != frame.Width || mask.Height != frame.Height)
        {
            throw new VideoSegException(
                ErrorCodes.SizeMismatch,
                $"{what} is {mask.Width}×{mask.Height}, expected the frame's {frame.Width}×{frame.Height}",
                sourceName);
        }
    }

    private static void DrawPanel(
        SKCanvas canvas,
        int index,
        RgbImage frame,
        BinaryMask? mask,
        SKColor colour,
        string caption,
        QualitativeStripOptions options)
    {
        float left = index * options.PanelWidth;
        using (var captionPaint = new SKPaint { Color = s_captionBackground, IsAntialias = false })
        {
            canvas.DrawRect(SKRect.Create(left, 0, options.PanelWidth, options.CaptionHeight), captionPaint);
        }

        DrawCaption(canvas, left, caption, options);

        // Fit the frame inside the panel's image area less the gutter, keeping its aspect ratio, centred.
        float available = Math.Max(1, options.PanelWidth - options.Gutter);
        float scale = Math.Min(available / frame.Width, (float)options.ImageHeight / frame.Height);
        float width = frame.Width * scale;
        float height = frame.Height * scale;
        SKRect destination = SKRect.Create(
            left + ((options.PanelWidth - width) / 2f),
            options.CaptionHeight + ((options.ImageHeight - height) / 2f),
            width,
            height);

        using SKBitmap bitmap = ComposeOverlay(frame, mask, colour, options.OverlayOpacity);
        using SKImage source = SKImage.FromBitmap(bitmap);
        canvas.Save();
        canvas.ClipRect(SKRect.Create(left, options.CaptionHeight, options.PanelWidth, options.ImageHeight));
        canvas.DrawImage(source, destination, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None));
        canvas.Restore();
    }

    private static void DrawCaption(SKCanvas canvas, float left, string caption, QualitativeStripOptions options)
    {
        if (options.CaptionHeight == 0)
        {
            return;
        }

        float maxWidth = options.PanelWidth - 8f;
        float size = Math.Min(options.FontSize, options.CaptionHeight * 0.75f);
        using var font = new SKFont(RepositoryFont.Typeface, size)
        {
            Edging = SKFontEdging.Antialias,
            Hinting = SKFontHinting.None,
            Subpixel = false,
        };

        // Shrink long captions rather than clip them, down to a legible minimum.
        float measured = font.MeasureText(caption);
        if (measured > maxWidth)
        {
            font.Size = Math.Max(8f, size * maxWidth / measured);
        }

        using var paint = new SKPaint { Color = s_captionText, IsAntialias = true };
        font.GetFontMetrics(out SKFontMetrics metrics);
        float baseline = (options.CaptionHeight - (metrics.Descent - metrics.Ascent)) / 2f - metrics.Ascent;
        canvas.Save();
        canvas.ClipRect(SKRect.Create(left, 0, options.PanelWidth, options.CaptionHeight));
        canvas.DrawText(caption, left + (options.PanelWidth / 2f), baseline, SKTextAlign.Center, font, paint);
        canvas.Restore();
    }

    private static SKBitmap ComposeOverlay(RgbImage frame, BinaryMask? mask, SKColor colour, double opacity)
    {
        var bitmap = new SKBitmap(new SKImageInfo(frame.Width, frame.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        Span<byte> pixels = bitmap.GetPixelSpan();
        byte[] rgb = frame.Rgb;
        double keep = 1.0 - Math.Clamp(opacity, 0.0, 1.0);
        double addR = (1.0 - keep) * colour.Red;
        double addG = (1.0 - keep) * colour.Green;
        double addB = (1.0 - keep) * colour.Blue;
        int count = frame.Width * frame.Height;
        for (int i = 0; i < count; i++)
        {
            byte r = rgb[3 * i];
            byte g = rgb[(3 * i) + 1];
            byte b = rgb[(3 * i) + 2];
            if (mask is not null && mask.Data[i] != 0)
            {
                // Integer rounding of the blend keeps the pixels identical on every platform.
                r = (byte)Math.Round((keep * r) + addR, MidpointRounding.AwayFromZero);
                g = (byte)Math.Round((keep * g) + addG, MidpointRounding.AwayFromZero);
                b = (byte)Math.Round((keep * b) + addB, MidpointRounding.AwayFromZero);
            }

            pixels[4 * i] = r;
            pixels[(4 * i) + 1] = g;
            pixels[(4 * i) + 2] = b;
            pixels[(4 * i) + 3] = 255;
        }

        return bitmap;
    }
}
