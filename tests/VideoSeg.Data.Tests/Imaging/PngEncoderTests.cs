using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.Text;
using VideoSeg.Data.Imaging;
using Xunit;

namespace VideoSeg.Data.Tests.Imaging;

public sealed class PngEncoderTests
{
    [Fact]
    public void Gray8_has_the_png_structure_and_its_pixels_unfilter_back()
    {
        byte[] pixels = new byte[5 * 3];
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)(i * 17);
        }

        byte[] png = PngEncoder.EncodeGray8(5, 3, pixels);

        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        Assert.Equal("IHDR", Encoding.ASCII.GetString(png, 12, 4));
        Assert.Equal(5, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        Assert.Equal(3, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
        Assert.Equal(8, png[24]);
        Assert.Equal(0, png[25]);
        Assert.Equal("IEND", Encoding.ASCII.GetString(png, png.Length - 8, 4));

        int idatLength = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(33));
        Assert.Equal("IDAT", Encoding.ASCII.GetString(png, 37, 4));
        using var zlib = new ZLibStream(new MemoryStream(png, 41, idatLength), CompressionMode.Decompress);
        using var raw = new MemoryStream();
        zlib.CopyTo(raw);
        Assert.Equal(3 * (5 + 1), raw.Length);
    }

    [Fact]
    public void Wrong_buffer_size_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => PngEncoder.EncodeRgb8(4, 4, new byte[47]));
    }
}
