using System;
using System.IO;
using SkiaSharp;
using VideoSeg.Core;
using VideoSeg.Core.IO;
using VideoSeg.Core.Imaging;

namespace VideoSeg.Data.Imaging;

/// <summary>
/// Reads frames and masks (JPEG, PNG, BMP through SkiaSharp; binary PPM through
/// <see cref="PpmFormat"/>) and writes PNGs with <see cref="PngEncoder"/>. Decoding requests no
/// colour-space conversion, so pixel values are the file's own. A missing file is
/// <see cref="ErrorCodes.MissingFile"/>; a file that does not decode completely is
/// <see cref="ErrorCodes.CorruptImage"/>, naming the file and what was expected, and so is one whose header
/// declares a size outside <see cref="SizeLimits.MaxFileSide"/> and <see cref="SizeLimits.MaxFilePixels"/>.
/// </summary>
public static class ImageCodec
{
    private const string RgbExpectation = "an RGB image (JPEG, PNG, BMP or binary PPM)";
    private const string MaskExpectation = "a mask image (8-bit grayscale, palette or RGB PNG, or BMP)";

    /// <summary>Reads an RGB image; alpha, if any, is dropped and grayscale is replicated to R, G and B.</summary>
    public static RgbImage ReadRgb(string path)
    {
        EnsureExists(path, RgbExpectation);
        if (IsPpm(path))
        {
            return PpmFormat.Read(path);
        }

        return DecodeRgb(ReadBytes(path, RgbExpectation), path);
    }

    /// <summary>
    /// Decodes JPEG, PNG or BMP bytes (e.g. an archive entry) to RGB; <paramref name="source"/> names the
    /// origin in error messages.
    /// </summary>
    public static RgbImage DecodeRgb(byte[] bytes, string source)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        byte[] rgba = DecodeRgba(bytes, source, RgbExpectation, out int width, out int height);
        var rgb = new byte[width * height * 3];
        for (int i = 0, j = 0; i < rgb.Length; i += 3, j += 4)
        {
            rgb[i] = rgba[j];
            rgb[i + 1] = rgba[j + 1];
            rgb[i + 2] = rgba[j + 2];
        }

        return new RgbImage(width, height, rgb);
    }

    /// <summary>
    /// Reads a mask as one channel: a pixel is foreground when its value exceeds
    /// <paramref name="threshold"/>. The value is the gray level, or for colour and palette images
    /// the largest of R, G and B (so DAVIS 2017 palette colours count as foreground and index 0, black,
    /// as background). DAVIS masks are 0/255, threshold 0; SegTrackV2 masks have soft 3-channel edges,
    /// where a threshold such as 127 is the sensible choice.
    /// </summary>
    public static BinaryMask ReadMask(string path, int threshold = 0)
    {
        if (threshold is < 0 or > 254)
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, $"mask threshold {threshold} is out of range: expected 0 to 254 (foreground = value > threshold)");
        }

        EnsureExists(path, MaskExpectation);
        int width;
        int height;
        byte[] pixels;
        int channels;
        if (IsPpm(path))
        {
            RgbImage image = PpmFormat.Read(path);
            (width, height, pixels, channels) = (image.Width, image.Height, image.Rgb, 3);
        }
        else
        {
            pixels = DecodeRgba(ReadBytes(path, MaskExpectation), path, MaskExpectation, out width, out height);
            channels = 4;
        }

        var data = new byte[width * height];
        for (int i = 0, j = 0; i < data.Length; i++, j += channels)
        {
            int value = Math.Max(pixels[j], Math.Max(pixels[j + 1], pixels[j + 2]));
            data[i] = value > threshold ? (byte)1 : (byte)0;
        }

        return new BinaryMask(width, height, data);
    }

    /// <summary>Reads only the header's dimensions, without decoding the pixels.</summary>
    public static ImageSize ReadSize(string path)
    {
        EnsureExists(path, RgbExpectation);
        if (IsPpm(path))
        {
            RgbImage image = PpmFormat.Read(path);
            return new ImageSize(image.Width, image.Height);
        }

        return ReadSize(ReadBytes(path, RgbExpectation), path);
    }

    /// <summary>Reads only the dimensions from image bytes; <paramref name="source"/> names the origin in error messages.</summary>
    public static ImageSize ReadSize(byte[] bytes, string source)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        using var data = new MemoryStream(bytes, writable: false);
        using SKCodec? codec = SKCodec.Create(data, out SKCodecResult result);
        if (codec is null)
        {
            throw Corrupt(source, RgbExpectation, bytes.Length == 0 ? "it is empty" : $"its header cannot be read ({result})");
        }

        CheckSize(codec.Info.Width, codec.Info.Height, source, RgbExpectation);
        return new ImageSize(codec.Info.Width, codec.Info.Height);
    }

    /// <summary>Encodes a mask as an 8-bit grayscale PNG holding 0 (background) and 255 (foreground).</summary>
    public static byte[] EncodePng(BinaryMask mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        var gray = new byte[mask.Data.Length];
        for (int i = 0; i < gray.Length; i++)
        {
            gray[i] = mask.Data[i] != 0 ? (byte)255 : (byte)0;
        }

        return PngEncoder.EncodeGray8(mask.Width, mask.Height, gray);
    }

    /// <summary>Encodes an image as an 8-bit RGB PNG.</summary>
    public static byte[] EncodePng(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return PngEncoder.EncodeRgb8(image.Width, image.Height, image.Rgb);
    }

    /// <summary>Writes a mask atomically as an 8-bit grayscale 0/255 PNG.</summary>
    public static void WriteMaskPng(string path, BinaryMask mask) => AtomicFile.WriteAllBytes(path, EncodePng(mask));

    /// <summary>Writes an image atomically as an 8-bit RGB PNG.</summary>
    public static void WriteRgbPng(string path, RgbImage image) => AtomicFile.WriteAllBytes(path, EncodePng(image));

    private static bool IsPpm(string path) => string.Equals(Path.GetExtension(path), ".ppm", StringComparison.OrdinalIgnoreCase);

    private static void EnsureExists(string path, string expectation)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new VideoSegException(ErrorCodes.MissingFile, $"image not found: expected {expectation} at '{path}'", path);
        }
    }

    private static byte[] ReadBytes(string path, string expectation)
    {
        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.Length == 0)
        {
            throw Corrupt(path, expectation, "the file is empty");
        }

        return bytes;
    }

    private static byte[] DecodeRgba(byte[] bytes, string path, string expectation, out int width, out int height)
    {
        if (bytes.Length == 0)
        {
            throw Corrupt(path, expectation, "it is empty");
        }

        using var data = new MemoryStream(bytes, writable: false);
        using SKCodec? codec = SKCodec.Create(data, out SKCodecResult createResult);
        if (codec is null)
        {
            throw Corrupt(path, expectation, $"it is not in a format that can be decoded ({createResult})");
        }

        width = codec.Info.Width;
        height = codec.Info.Height;
        CheckSize(width, height, path, expectation);

        // A null colour space asks Skia for the stored values, untouched by any ICC profile.
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var bitmap = new SKBitmap(info);
        SKCodecResult result = codec.GetPixels(info, bitmap.GetPixels());
        if (result != SKCodecResult.Success)
        {
            string reason = result == SKCodecResult.IncompleteInput
                ? $"it is truncated: the {width}×{height} pixel data ends early"
                : $"its pixel data cannot be decoded ({result})";
            throw Corrupt(path, expectation, reason);
        }

        return bitmap.GetPixelSpan().ToArray();
    }

    // Checked before Skia allocates the pixels: a header claiming 100000×100000 must not cost 40 GB.
    private static void CheckSize(int width, int height, string path, string expectation)
    {
        if (!SizeLimits.IsValidFileSize(width, height))
        {
            throw Corrupt(path, expectation, $"its header declares {width}×{height} pixels; expected {SizeLimits.FileSizeBounds}");
        }
    }

    private static VideoSegException Corrupt(string path, string expectation, string reason) =>
        new(ErrorCodes.CorruptImage, $"'{path}' cannot be read as {expectation}: {reason}", path);
}
