using System;
using System.IO;
using System.Linq;
using System.Text;
using VideoSeg.Core;
using VideoSeg.Core.Imaging;
using VideoSeg.Data.Imaging;
using VideoSeg.TestUtilities;
using Xunit;

namespace VideoSeg.Data.Tests.Imaging;

public sealed class ImageCodecTests
{
    [Fact]
    public void RgbPng_round_trips_exactly()
    {
        using var temp = new TempDirectory();
        RgbImage image = RandomImage(37, 23, seed: 1);
        string path = temp.Combine("a.png");
        ImageCodec.WriteRgbPng(path, image);

        RgbImage read = ImageCodec.ReadRgb(path);

        Assert.Equal(37, read.Width);
        Assert.Equal(23, read.Height);
        Assert.Equal(image.Rgb, read.Rgb);
        Assert.Equal(new ImageSize(37, 23), ImageCodec.ReadSize(path));
    }

    [Fact]
    public void MaskPng_round_trips_and_stores_0_and_255()
    {
        using var temp = new TempDirectory();
        var mask = new BinaryMask(19, 11);
        for (int i = 0; i < mask.Data.Length; i += 3)
        {
            mask.Data[i] = 1;
        }

        string path = temp.Combine("m.png");
        ImageCodec.WriteMaskPng(path, mask);

        Assert.Equal(mask.Data, ImageCodec.ReadMask(path).Data);
        RgbImage stored = ImageCodec.ReadRgb(path);
        Assert.All(stored.Rgb, b => Assert.True(b is 0 or 255));
        Assert.Equal(mask.CountForeground() * 3, stored.Rgb.Count(b => b == 255));
    }

    [Fact]
    public void EncodePng_is_deterministic_and_depends_on_the_pixels()
    {
        RgbImage image = RandomImage(64, 40, seed: 2);
        RgbImage other = RandomImage(64, 40, seed: 3);

        Assert.Equal(ImageCodec.EncodePng(image), ImageCodec.EncodePng(image));
        Assert.NotEqual(ImageCodec.EncodePng(image), ImageCodec.EncodePng(other));
    }

    [Fact]
    public void ReadMask_thresholds_soft_gray_values()
    {
        using var temp = new TempDirectory();
        string path = temp.Combine("soft.png");
        File.WriteAllBytes(path, PngEncoder.EncodeGray8(4, 1, [0, 1, 127, 200]));

        Assert.Equal(new byte[] { 0, 1, 1, 1 }, ImageCodec.ReadMask(path).Data);
        Assert.Equal(new byte[] { 0, 0, 0, 1 }, ImageCodec.ReadMask(path, threshold: 127).Data);
    }

    [Fact]
    public void ReadMask_treats_any_nonzero_colour_as_foreground()
    {
        using var temp = new TempDirectory();
        string path = temp.Combine("colour.png");
        File.WriteAllBytes(path, PngEncoder.EncodeRgb8(3, 1, [0, 0, 0, 128, 0, 0, 0, 0, 64]));

        Assert.Equal(new byte[] { 0, 1, 1 }, ImageCodec.ReadMask(path).Data);
    }

    [Fact]
    public void ReadMask_rejects_an_out_of_range_threshold()
    {
        var error = Assert.Throws<VideoSegException>(() => ImageCodec.ReadMask("unused.png", threshold: 255));
        Assert.Equal(ErrorCodes.InvalidArgument, error.Code);
    }

    [Fact]
    public void ReadRgb_reads_binary_ppm()
    {
        using var temp = new TempDirectory();
        string path = temp.Combine("f.ppm");
        byte[] header = Encoding.ASCII.GetBytes("P6\n2 1\n255\n");
        File.WriteAllBytes(path, [.. header, 1, 2, 3, 4, 5, 6]);

        RgbImage image = ImageCodec.ReadRgb(path);

        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6 }, image.Rgb);
    }

    [Fact]
    public void Missing_file_is_reported_with_its_path()
    {
        using var temp = new TempDirectory();
        string path = temp.Combine("absent.png");

        var error = Assert.Throws<VideoSegException>(() => ImageCodec.ReadRgb(path));

        Assert.Equal(ErrorCodes.MissingFile, error.Code);
        Assert.Equal(path, error.Path);
        Assert.Equal(ErrorCodes.MissingFile, Assert.Throws<VideoSegException>(() => ImageCodec.ReadMask(path)).Code);
    }

    [Fact]
    public void Truncated_png_is_a_corrupt_image()
    {
        using var temp = new TempDirectory();
        byte[] full = ImageCodec.EncodePng(RandomImage(64, 64, seed: 4));
        string path = temp.Combine("truncated.png");
        File.WriteAllBytes(path, full.AsSpan(0, full.Length / 2).ToArray());

        var error = Assert.Throws<VideoSegException>(() => ImageCodec.ReadRgb(path));

        Assert.Equal(ErrorCodes.CorruptImage, error.Code);
        Assert.Equal(path, error.Path);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(5000)]
    public void Garbage_or_empty_file_is_a_corrupt_image(int length)
    {
        using var temp = new TempDirectory();
        string path = temp.Combine("garbage.png");
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        File.WriteAllBytes(path, bytes);

        Assert.Equal(ErrorCodes.CorruptImage, Assert.Throws<VideoSegException>(() => ImageCodec.ReadRgb(path)).Code);
        Assert.Equal(ErrorCodes.CorruptImage, Assert.Throws<VideoSegException>(() => ImageCodec.ReadMask(path)).Code);
    }

    [Fact]
    public void Png_with_damaged_header_is_a_corrupt_image()
    {
        using var temp = new TempDirectory();
        byte[] bytes = ImageCodec.EncodePng(RandomImage(8, 8, seed: 5));
        bytes[1] = (byte)'X';
        string path = temp.Combine("bad-signature.png");
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<VideoSegException>(() => ImageCodec.ReadSize(path));

        Assert.Equal(ErrorCodes.CorruptImage, error.Code);
    }

    internal static RgbImage RandomImage(int width, int height, int seed)
    {
        var bytes = new byte[width * height * 3];
        new Random(seed).NextBytes(bytes);
        return new RgbImage(width, height, bytes);
    }
}
