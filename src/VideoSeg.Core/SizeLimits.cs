using System.Globalization;

namespace VideoSeg.Core;

/// <summary>
/// The sizes VideoSeg accepts, checked before anything is allocated from them, so that a header or an
/// option claiming a huge size ends in one error instead of an overflow or an attempt to allocate gigabytes.
/// </summary>
/// <remarks>
/// Two bounds: a file read from disk (a frame, a mask, a stored flow) may be larger than the pipeline works
/// at, so it gets the wider <see cref="MaxFileSide"/> and <see cref="MaxFilePixels"/>; the working size that
/// every stage allocates per frame (<c>--width</c>, <c>--height</c>, resize targets) gets <see cref="MaxWorkingSide"/>.
/// DAVIS is 854×480 at 480p and 3840×2160 at its largest, and GWM works at 224×128, so both leave ample room.
/// </remarks>
public static class SizeLimits
{
    /// <summary>The largest width or height, in pixels, of an image or flow read from a file.</summary>
    public const int MaxFileSide = 16384;

    /// <summary>
    /// The most pixels an image or flow read from a file may have (64 Mi, e.g. 8192×8192): a flow that size
    /// already needs 512 MiB, and the per-side bound alone would admit 2 GiB.
    /// </summary>
    public const int MaxFilePixels = 1 << 26;

    /// <summary>The largest working width or height, in pixels, that a stage or a resize may be asked for.</summary>
    public const int MaxWorkingSide = 8192;

    /// <summary>
    /// Whether a <paramref name="width"/>×<paramref name="height"/> size declared by a file is within
    /// <see cref="MaxFileSide"/> and <see cref="MaxFilePixels"/> (and positive).
    /// </summary>
    public static bool IsValidFileSize(long width, long height) =>
        width is > 0 and <= MaxFileSide && height is > 0 and <= MaxFileSide && width * height <= MaxFilePixels;

    /// <summary>Describes the file-size bounds for error messages.</summary>
    public static string FileSizeBounds { get; } = string.Create(
        CultureInfo.InvariantCulture,
        $"1 to {MaxFileSide} pixels per side and at most {MaxFilePixels} pixels");

    /// <summary>
    /// Checks a working size: each side must be 1 to <see cref="MaxWorkingSide"/> pixels.
    /// </summary>
    /// <param name="width">The requested width.</param>
    /// <param name="height">The requested height.</param>
    /// <param name="widthName">How the caller names the width, e.g. <c>--width</c>.</param>
    /// <param name="heightName">How the caller names the height, e.g. <c>--height</c>.</param>
    /// <exception cref="VideoSegException"><see cref="ErrorCodes.InvalidArgument"/> naming the option and the bound.</exception>
    public static void CheckWorkingSize(int width, int height, string widthName, string heightName)
    {
        CheckWorkingSide(width, widthName);
        CheckWorkingSide(height, heightName);
    }

    private static void CheckWorkingSide(int value, string name)
    {
        if (value is < 1 or > MaxWorkingSide)
        {
            throw new VideoSegException(
                ErrorCodes.InvalidArgument,
                string.Create(CultureInfo.InvariantCulture, $"{name} {value} is out of range: a working size must be 1 to {MaxWorkingSide} pixels per side"));
        }
    }
}
