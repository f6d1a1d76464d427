using System;
using SkiaSharp;
using VideoSeg.Core;
using VideoSeg.Core.Imaging;

namespace VideoSeg.Data.Acquisition;

/// <summary>
/// Identifies and decodes the images found in dataset archives. PNG and BMP are decoded in
/// managed code; a JPEG is only sized from its header (frames are copied unchanged) and is
/// decoded, through SkiaSharp, only where a mask happens to be stored as JPEG.
/// </summary>
internal static class ArchiveImage
{
    /// <summary>True when the bytes are a JPEG, which frames keep byte for byte.</summary>
    public static bool IsJpeg(ReadOnlySpan<byte> data) => JpegHeader.IsJpeg(data);

    /// <summary>The size of an image without keeping its pixels.</summary>
    public static (int Width, int Height) ReadSize(byte[] data, string source)
    {
        if (JpegHeader.IsJpeg(data))
        {
            if (!JpegHeader.TryReadSize(data, out int width, out int height))
            {
                throw new VideoSegException(ErrorCodes.CorruptImage, $"'{source}' is not a valid JPEG: no frame header before the image data", source);
            }

            return (width, height);
        }

        RgbImage image = Decode(data, source);
        return (image.Width, image.Height);
    }

    /// <summary>Decodes a PNG, BMP or JPEG to 8-bit RGB.</summary>
    public static RgbImage Decode(byte[] data, string source)
    {
        if (PngDecoder.IsPng(data))
        {
            return PngDecoder.Decode(data, source);
        }

        if (BmpDecoder.IsBmp(data))
        {
            return BmpDecoder.Decode(data, source);
        }

        if (JpegHeader.IsJpeg(data))
        {
            return DecodeJpeg(data, source);
        }

        throw new VideoSegException(ErrorCodes.CorruptImage, $"'{source}' is neither PNG, BMP nor JPEG (first bytes {Convert.ToHexString(data.AsSpan(0, Math.Min(4, data.Length)))})", source);
    }

    private static RgbImage DecodeJpeg(byte[] data, string source)
    {
        SKBitmap? bitmap;
        try
        {
            bitmap = SKBitmap.Decode(data);
        }
        catch (Exception ex) when (ex is DllNotFoundException or TypeInitializationException or EntryPointNotFoundException)
        {
            throw new VideoSegException(ErrorCodes.CorruptImage, $"'{source}' is a JPEG, and decoding it needs SkiaSharp's native library, which failed to load: {ex.Message}", source, ex);
        }

        using (bitmap)
        {
            if (bitmap is null)
            {
                throw new VideoSegException(ErrorCodes.CorruptImage, $"'{source}' could not be decoded as a JPEG", source);
            }

            var rgb = new byte[bitmap.Width * bitmap.Height * 3];
            SKColor[] pixels = bitmap.Pixels;
            for (int i = 0; i < pixels.Length; i++)
            {
                rgb[3 * i] = pixels[i].Red;
                rgb[(3 * i) + 1] = pixels[i].Green;
                rgb[(3 * i) + 2] = pixels[i].Blue;
            }

            return new RgbImage(bitmap.Width, bitmap.Height, rgb);
        }
    }
}
