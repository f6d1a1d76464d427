using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using VideoSeg.Core;
using VideoSeg.Core.Imaging;
using VideoSeg.Data.Imaging;
using VideoSeg.TestUtilities;
using Xunit;
using Xunit.Abstractions;

namespace VideoSeg.Data.Tests.Imaging;

public sealed class ImageCodecFuzzTests
{
    // Signature (8) + IHDR chunk (4 length, 4 type, 13 data, 4 CRC).
    private const int PngHeaderLength = 33;

    private readonly ITestOutputHelper _output;

    public ImageCodecFuzzTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void MutatedRgbPngsAreReadOrRejectedAsCorruptImageNamingTheFile()
    {
        var random = new Random(21);
        var rgb = new byte[13 * 7 * 3];
        random.NextBytes(rgb);
        byte[] valid = ImageCodec.EncodePng(new RgbImage(13, 7, rgb));

        RunAllReaders("RGB PNG", ".png", FormatFuzzer.Mutations(valid, PngHeaderLength, seed: 22).Concat(PngCases(valid)).ToList());
    }

    [Fact]
    public void MutatedMaskPngsAreReadOrRejectedAsCorruptImageNamingTheFile()
    {
        var mask = new BinaryMask(17, 9);
        for (int i = 0; i < mask.Data.Length; i += 2)
        {
            mask.Data[i] = 1;
        }

        byte[] valid = ImageCodec.EncodePng(mask);

        RunAllReaders("mask PNG", ".png", FormatFuzzer.Mutations(valid, PngHeaderLength, seed: 23).Concat(PngCases(valid)).ToList());
    }

    [SkippableFact]
    public void MutatedDavisFramesAndAnnotationsAreReadOrRejectedAsCorruptImageNamingTheFile()
    {
        string frame = SharedData.RequirePath("davis2016-car-shadow/JPEGImages/480p/car-shadow/00000.jpg");
        string annotation = SharedData.RequirePath("davis2016-car-shadow/Annotations/480p/car-shadow/00000.png");
        byte[] jpeg = File.ReadAllBytes(frame);
        byte[] png = File.ReadAllBytes(annotation);

        // The 854×480 decodes cost milliseconds each, so these get fewer random cases than the small files, and the
        // JPEG skips ReadMask, which decodes exactly as ReadRgb does.
        RunAllReaders("DAVIS JPEG", ".jpg", FormatFuzzer.Mutations(jpeg, headerLength: 64, seed: 24, randomFlips: 60, randomTruncations: 10).ToList(), includeMask: false);
        RunAllReaders("DAVIS annotation PNG", ".png", FormatFuzzer.Mutations(png, PngHeaderLength, seed: 25, randomFlips: 60, randomTruncations: 10).Concat(PngCases(png)).ToList());
    }

    [Fact]
    public void IhdrClaimingAHugeImageIsRejectedBeforeAnyPixelIsAllocated()
    {
        using var temp = new TempDirectory();
        string path = temp.Combine("huge.png");
        File.WriteAllBytes(path, WithIhdrSize(ImageCodec.EncodePng(new BinaryMask(4, 4)), 100_000, 100_000));

        var ex = Assert.Throws<VideoSegException>(() => ImageCodec.ReadRgb(path));

        Assert.Equal(ErrorCodes.CorruptImage, ex.Code);
        Assert.Equal(path, ex.Path);
        Assert.Contains("100000×100000", ex.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorCodes.CorruptImage, Assert.Throws<VideoSegException>(() => ImageCodec.ReadSize(path)).Code);
    }

    private void RunAllReaders(string name, string extension, IReadOnlyList<FuzzCase> cases, bool includeMask = true)
    {
        using var temp = new TempDirectory();
        string path = temp.Combine("case" + extension);
        FormatFuzzer.Run(_output, name + " ReadSize", path, cases, p => ImageCodec.ReadSize(p), ErrorCodes.CorruptImage);
        FormatFuzzer.Run(_output, name + " ReadRgb", path, cases, p => ImageCodec.ReadRgb(p), ErrorCodes.CorruptImage);
        if (includeMask)
        {
            FormatFuzzer.Run(_output, name + " ReadMask", path, cases, p => ImageCodec.ReadMask(p), ErrorCodes.CorruptImage);
        }
    }

    /// <summary>IHDR with absurd sizes or fields (CRC fixed, so the decoder looks past it), and every chunk's length and CRC corrupted.</summary>
    private static IEnumerable<FuzzCase> PngCases(byte[] valid)
    {
        uint[] sizes = [0, 1, 100_000, 16_384, 16_385, 65_535, int.MaxValue, 0x8000_0000, uint.MaxValue];
        foreach (uint width in sizes)
        {
            foreach (uint height in sizes)
            {
                yield return new FuzzCase($"IHDR declares {width}×{height}", WithIhdrSize(valid, width, height));
            }
        }

        foreach ((int offset, byte value) in new (int, byte)[] { (24, 0), (24, 3), (24, 16), (24, 255), (25, 1), (25, 7), (25, 255), (26, 1), (27, 1), (28, 1), (28, 2) })
        {
            byte[] bytes = (byte[])valid.Clone();
            bytes[offset] = value;
            FixCrc(bytes, 8);
            yield return new FuzzCase($"IHDR byte {offset} set to {value}", bytes);
        }

        foreach ((int start, string type, int length) in Chunks(valid))
        {
            foreach (uint declared in new uint[] { 0, 1, (uint)length + 1, (uint)Math.Max(0, length - 1), 0x7FFF_FFFF, 0x8000_0000, uint.MaxValue })
            {
                byte[] bytes = (byte[])valid.Clone();
                BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(start), declared);
                yield return new FuzzCase($"{type} chunk at {start}: length {length} set to {declared}", bytes);
            }

            byte[] badCrc = (byte[])valid.Clone();
            badCrc[start + 8 + length] ^= 0x5A;
            yield return new FuzzCase($"{type} chunk at {start}: CRC corrupted", badCrc);
        }
    }

    private static byte[] WithIhdrSize(byte[] valid, uint width, uint height)
    {
        byte[] bytes = (byte[])valid.Clone();
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(16), width);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(20), height);
        FixCrc(bytes, 8);
        return bytes;
    }

    private static IEnumerable<(int Start, string Type, int Length)> Chunks(byte[] png)
    {
        int position = 8;
        while (position + 12 <= png.Length)
        {
            int length = (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(position));
            yield return (position, Encoding.ASCII.GetString(png, position + 4, 4), length);
            position += 12 + length;
        }
    }

    /// <summary>Rewrites the CRC of the chunk at <paramref name="start"/> to match its (mutated) type and data.</summary>
    private static void FixCrc(byte[] png, int start)
    {
        int length = (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(start));
        uint crc = Crc32.Update(0xFFFFFFFF, png.AsSpan(start + 4, 4 + length)) ^ 0xFFFFFFFF;
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(start + 8 + length), crc);
    }
}
