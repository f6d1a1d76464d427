using System;
using System.Globalization;
using System.IO;
using System.Text;

namespace VideoSeg.Core.Imaging;

/// <summary>Binary PPM (P6, maxval 255) images, the format FlyingChairs ships its frames in.</summary>
public static class PpmFormat
{
    /// <summary>Reads a binary P6 file with maxval 255.</summary>
    public static RgbImage Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new VideoSegException(ErrorCodes.MissingFile, $"image not found: expected a binary PPM (P6) file at '{path}'", path);
        }

        byte[] bytes = File.ReadAllBytes(path);
        int position = 0;
        string magic = NextToken(bytes, ref position, path);
        if (magic != "P6")
        {
            throw new VideoSegException(ErrorCodes.CorruptImage, $"'{path}' starts with '{magic}'; expected a binary PPM ('P6')", path);
        }

        string widthText = NextToken(bytes, ref position, path);
        string heightText = NextToken(bytes, ref position, path);
        string maxText = NextToken(bytes, ref position, path);

        // One whitespace byte ends the header; the pixels follow.
        position++;
        if (!int.TryParse(widthText, NumberStyles.None, CultureInfo.InvariantCulture, out int width)
            || !int.TryParse(heightText, NumberStyles.None, CultureInfo.InvariantCulture, out int height)
            || !int.TryParse(maxText, NumberStyles.None, CultureInfo.InvariantCulture, out int maxValue)
            || maxValue != 255
            || !SizeLimits.IsValidFileSize(width, height))
        {
            throw new VideoSegException(ErrorCodes.CorruptImage, $"'{path}' declares {widthText}×{heightText} with maxval {maxText}; expected {SizeLimits.FileSizeBounds} and maxval 255", path);
        }

        int expected = width * height * 3;
        if (bytes.Length - position < expected)
        {
            throw new VideoSegException(ErrorCodes.CorruptImage, $"'{path}' is truncated: {width}×{height} pixels need {expected} bytes after the header, found {bytes.Length - position}", path);
        }

        return new RgbImage(width, height, bytes.AsSpan(position, expected).ToArray());
    }

    private static string NextToken(byte[] bytes, ref int position, string path)
    {
        while (position < bytes.Length && (char.IsWhiteSpace((char)bytes[position]) || bytes[position] == '#'))
        {
            if (bytes[position] == '#')
            {
                while (position < bytes.Length && bytes[position] != '\n')
                {
                    position++;
                }
            }
            else
            {
                position++;
            }
        }

        int start = position;
        while (position < bytes.Length && !char.IsWhiteSpace((char)bytes[position]))
        {
            position++;
        }

        if (start == position)
        {
            throw new VideoSegException(ErrorCodes.CorruptImage, $"'{path}' ends inside its PPM header", path);
        }

        // A token longer than any number or magic we accept is cut short: the message quotes it.
        return Encoding.ASCII.GetString(bytes, start, Math.Min(position - start, 32));
    }
}
