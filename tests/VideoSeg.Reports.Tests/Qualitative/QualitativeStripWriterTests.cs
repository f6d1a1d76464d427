using System;
using System.IO;
using SkiaSharp;
using VideoSeg.Core;
using VideoSeg.Core.Imaging;
using VideoSeg.Reports.Qualitative;
using VideoSeg.TestUtilities;
using Xunit;

namespace VideoSeg.Reports.Tests.Qualitative;

public sealed class QualitativeStripWriterTests
{
    private static RgbImage GreyFrame(int width, int height)
    {
        var rgb = new byte[width * height * 3];
        Array.Fill(rgb, (byte)100);
        return new RgbImage(width, height, rgb);
    }

    private static BinaryMask LeftHalf(int width, int height)
    {
        var mask = new BinaryMask(width, height);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width / 2; x++)
            {
                mask[x, y] = true;
            }
        }

        return mask;
    }

    [Fact]
    public void The_strip_is_panels_times_panel_width_wide()
    {
        RgbImage frame = GreyFrame(160, 90);
        BinaryMask truth = LeftHalf(160, 90);
        LabelledMask[] masks = [new("GWM (base)", truth, 0.795), new("After 1 iteration", new BinaryMask(160, 90), null), new("After 8 iterations", truth, 0.5)];
        using var temp = new TempDirectory();
        string path = temp.Combine("strip.png");

        QualitativeStripWriter.Write(path, frame, truth, masks);

        var options = QualitativeStripOptions.Default;
        Assert.Equal((5 * options.PanelWidth, options.StripHeight), PngHeader.ReadSize(File.ReadAllBytes(path)));
    }

    [Fact]
    public void Masks_are_coloured_overlays_and_the_frame_panel_is_plain()
    {
        RgbImage frame = GreyFrame(160, 90);
        BinaryMask truth = LeftHalf(160, 90);
        var options = new QualitativeStripOptions(PanelWidth: 160, ImageHeight: 90, CaptionHeight: 20);
        byte[] png = QualitativeStripWriter.Render(frame, truth, [new LabelledMask("base", truth, 0.5)], options);
        using SKBitmap bitmap = SKBitmap.Decode(png);

        int y = 20 + 45;
        Assert.Equal(new SKColor(100, 100, 100), bitmap.GetPixel(40, y));

        // Ground truth panel: green over the left half, the plain frame on the right.
        SKColor truthInside = bitmap.GetPixel(160 + 40, y);
        Assert.True(truthInside.Green > 140 && truthInside.Red < 60, truthInside.ToString());
        Assert.Equal(new SKColor(100, 100, 100), bitmap.GetPixel(160 + 120, y));

        // The mask panel uses another colour than the ground truth.
        SKColor maskInside = bitmap.GetPixel(320 + 40, y);
        Assert.True(maskInside.Red > 140 && maskInside.Green < 80, maskInside.ToString());

        // The caption band is white with dark text somewhere in it.
        Assert.Equal(SKColors.White, bitmap.GetPixel(2, 2));
        bool hasText = false;
        for (int x = 0; x < 160 && !hasText; x++)
        {
            for (int row = 0; row < 20 && !hasText; row++)
            {
                hasText = bitmap.GetPixel(x, row).Red < 128;
            }
        }

        Assert.True(hasText);
    }

    [Fact]
    public void Rendering_twice_gives_identical_bytes()
    {
        RgbImage frame = GreyFrame(64, 48);
        BinaryMask truth = LeftHalf(64, 48);
        LabelledMask[] masks = [new("base", truth, 0.8123)];
        Assert.Equal(QualitativeStripWriter.Render(frame, truth, masks), QualitativeStripWriter.Render(frame, truth, masks));
    }

    [Fact]
    public void A_mask_of_another_size_is_refused()
    {
        RgbImage frame = GreyFrame(64, 48);
        using var temp = new TempDirectory();
        string path = temp.Combine("strip.png");
        var error = Assert.Throws<VideoSegException>(() =>
            QualitativeStripWriter.Write(path, frame, LeftHalf(64, 48), [new LabelledMask("wrong", LeftHalf(32, 48))]));
        Assert.Equal(ErrorCodes.SizeMismatch, error.Code);
        Assert.Equal(path, error.Path);
        Assert.Contains("wrong", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    [SkippableFact]
    public void A_real_DAVIS_frame_and_its_annotation_make_a_strip()
    {
        string framePath = SharedData.RequirePath("davis2016-car-shadow/JPEGImages/480p/car-shadow/00000.jpg");
        string maskPath = SharedData.RequirePath("davis2016-car-shadow/Annotations/480p/car-shadow/00000.png");
        RgbImage frame = DecodeRgb(framePath);
        BinaryMask truth = DecodeMask(maskPath);
        Assert.True(truth.CountForeground() > 0);
        using var temp = new TempDirectory();
        string path = temp.Combine("car-shadow.png");

        QualitativeStripWriter.Write(path, frame, truth, [new LabelledMask("ground truth as a mask", truth, 1.0)]);

        Assert.Equal((3 * 320, 208), PngHeader.ReadSize(File.ReadAllBytes(path)));
    }

    private static RgbImage DecodeRgb(string path)
    {
        using SKBitmap bitmap = SKBitmap.Decode(path);
        var rgb = new byte[bitmap.Width * bitmap.Height * 3];
        for (int y = 0; y < bitmap.Height; y++)
        {
            for (int x = 0; x < bitmap.Width; x++)
            {
                SKColor c = bitmap.GetPixel(x, y);
                int i = 3 * ((y * bitmap.Width) + x);
                rgb[i] = c.Red;
                rgb[i + 1] = c.Green;
                rgb[i + 2] = c.Blue;
            }
        }

        return new RgbImage(bitmap.Width, bitmap.Height, rgb);
    }

    private static BinaryMask DecodeMask(string path)
    {
        using SKBitmap bitmap = SKBitmap.Decode(path);
        var mask = new BinaryMask(bitmap.Width, bitmap.Height);
        for (int y = 0; y < bitmap.Height; y++)
        {
            for (int x = 0; x < bitmap.Width; x++)
            {
                SKColor c = bitmap.GetPixel(x, y);
                mask[x, y] = c.Red > 127 || c.Green > 127 || c.Blue > 127;
            }
        }

        return mask;
    }
}
