using System;
using VideoSeg.Core;
using VideoSeg.Core.Imaging;
using VideoSeg.Data.Imaging;

namespace VideoSeg.Data.Acquisition;

/// <summary>
/// Identifies and decodes the images found in dataset archives, through <see cref="ImageCodec"/>. A JPEG frame is
/// copied byte for byte, so only its size is read, from its frame header, without decoding it.
/// </summary>
internal static class ArchiveImage
{
    /// <summary>True when the bytes start with a JPEG's SOI marker, so the frame is kept as it is.</summary>
    public static bool IsJpeg(ReadOnlySpan<byte> data) => JpegHeader.IsJpeg(data);

    /// <summary>The size of an image without decoding its pixels.</summary>
    public static (int Width, int Height) ReadSize(byte[] data, string source)
    {
        if (JpegHeader.IsJpeg(data))
        {
            return JpegHeader.TryReadSize(data, out int width, out int height)
                ? (width, height)
                : throw new VideoSegException(ErrorCodes.CorruptImage, $"'{source}' is not a valid JPEG: no frame header before the image data", source);
        }

        ImageSize size = ImageCodec.ReadSize(data, source);
        return (size.Width, size.Height);
    }

    /// <summary>Decodes a PNG, BMP or JPEG to 8-bit RGB.</summary>
    public static RgbImage Decode(byte[] data, string source) => ImageCodec.DecodeRgb(data, source);
}
