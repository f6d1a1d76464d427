using System;
using VideoSeg.Core;
using VideoSeg.Core.Imaging;

namespace VideoSeg.Data.Imaging;

/// <summary>
/// Resizes frames to the pipeline's working resolution. Downscaling averages the source area
/// each output pixel covers (no aliasing, like OpenCV's INTER_AREA); upscaling interpolates
/// bilinearly with pixel centres aligned (align_corners=false).
/// </summary>
public static class ImageResizer
{
    /// <summary>Returns <paramref name="image"/> at <paramref name="width"/>×<paramref name="height"/>, or the same instance when the size already matches.</summary>
    /// <exception cref="VideoSegException">
    /// <see cref="ErrorCodes.InvalidArgument"/> when a side of the target is outside 1 to <see cref="SizeLimits.MaxWorkingSide"/>.
    /// </exception>
    public static RgbImage Resize(RgbImage image, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(image);
        SizeLimits.CheckWorkingSize(width, height, "resize target width", "resize target height");
        if (image.Width == width && image.Height == height)
        {
            return image;
        }

        var result = new byte[width * height * 3];
        double sx = (double)image.Width / width;
        double sy = (double)image.Height / height;
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                for (int c = 0; c < 3; c++)
                {
                    double value = sx >= 1 && sy >= 1
                        ? AreaAverage(image, c, x * sx, (x + 1) * sx, y * sy, (y + 1) * sy)
                        : Bilinear(image, c, ((x + 0.5) * sx) - 0.5, ((y + 0.5) * sy) - 0.5);
                    result[(((y * width) + x) * 3) + c] = (byte)Math.Clamp(Math.Round(value), 0, 255);
                }
            }
        }

        return new RgbImage(width, height, result);
    }

    private static double AreaAverage(RgbImage image, int channel, double x0, double x1, double y0, double y1)
    {
        double sum = 0;
        double area = 0;
        for (int y = (int)Math.Floor(y0); y < Math.Min(image.Height, (int)Math.Ceiling(y1)); y++)
        {
            double wy = Math.Min(y + 1, y1) - Math.Max(y, y0);
            for (int x = (int)Math.Floor(x0); x < Math.Min(image.Width, (int)Math.Ceiling(x1)); x++)
            {
                double w = wy * (Math.Min(x + 1, x1) - Math.Max(x, x0));
                sum += w * image.Rgb[(((y * image.Width) + x) * 3) + channel];
                area += w;
            }
        }

        return sum / area;
    }

    private static double Bilinear(RgbImage image, int channel, double x, double y)
    {
        x = Math.Clamp(x, 0, image.Width - 1);
        y = Math.Clamp(y, 0, image.Height - 1);
        int x0 = (int)x;
        int y0 = (int)y;
        int x1 = Math.Min(x0 + 1, image.Width - 1);
        int y1 = Math.Min(y0 + 1, image.Height - 1);
        double fx = x - x0;
        double fy = y - y0;
        double Get(int px, int py) => image.Rgb[(((py * image.Width) + px) * 3) + channel];
        return ((1 - fy) * (((1 - fx) * Get(x0, y0)) + (fx * Get(x1, y0)))) + (fy * (((1 - fx) * Get(x0, y1)) + (fx * Get(x1, y1))));
    }
}
