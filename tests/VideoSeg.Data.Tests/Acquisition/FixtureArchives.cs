using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace VideoSeg.Data.Tests.Acquisition;

/// <summary>
/// Builds tiny archives shaped like DAVIS-data.zip and SegTrackv2.zip, with the quirks the
/// converters must handle, and knows what the converted dataset must contain.
/// </summary>
public static class FixtureArchives
{
    public const int Width = 8;
    public const int Height = 6;

    public static readonly string[] DavisValSequences = ["blackswan", "camel"];

    public static byte[] Zip(IEnumerable<(string Name, byte[] Data)> entries, CompressionLevel level = CompressionLevel.Fastest)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach ((string name, byte[] data) in entries)
            {
                using Stream stream = zip.CreateEntry(name, level).Open();
                stream.Write(data);
            }
        }

        return buffer.ToArray();
    }

    public static string Sha256(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));

    [SuppressMessage("Security", "CA5351", Justification = "DAVIS publishes only an MD5; the tests compute the same value to compare.")]
    public static string Md5(byte[] data) => Convert.ToHexStringLower(MD5.HashData(data));

    public static byte[] Text(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>The DAVIS fixture mask value: 255 inside, 128 on a one-pixel edge, 0 outside; it moves with the frame.</summary>
    public static byte DavisMaskValue(int sequence, int frame, int x, int y) =>
        y < sequence ? (byte)0 : x < 2 + frame ? (byte)255 : x == 2 + frame ? (byte)128 : (byte)0;

    public static byte[] DavisFrame(string sequence, int frame) => TestImages.JpegStub(Width, Height, $"{sequence}/{frame}");

    /// <summary>
    /// DAVIS/ with val (blackswan and camel, 3 frames each) and train (bear, 2 frames) lists, 480p and
    /// 1080p folders; the val list has trailing spaces, a CRLF, a tab, a line without its leading slash and a blank line.
    /// <paramref name="level"/> <see cref="CompressionLevel.NoCompression"/> stores every entry as is.
    /// </summary>
    public static byte[] Davis(IEnumerable<(string Name, byte[] Data)>? extra = null, string? valList = null, CompressionLevel level = CompressionLevel.Fastest)
    {
        var entries = new List<(string Name, byte[] Data)>();
        var val = new StringBuilder();
        for (int s = 0; s < DavisValSequences.Length; s++)
        {
            string sequence = DavisValSequences[s];
            for (int f = 0; f < 3; f++)
            {
                string stem = $"{f:D5}";
                entries.Add(($"DAVIS/JPEGImages/480p/{sequence}/{stem}.jpg", DavisFrame(sequence, f)));
                entries.Add(($"DAVIS/JPEGImages/1080p/{sequence}/{stem}.jpg", DavisFrame(sequence + "-1080p", f)));
                entries.Add(($"DAVIS/Annotations/480p/{sequence}/{stem}.png", DavisMask(s, f)));
                string line = f switch
                {
                    0 => $"/JPEGImages/480p/{sequence}/{stem}.jpg /Annotations/480p/{sequence}/{stem}.png   \n",
                    1 => $"/JPEGImages/480p/{sequence}/{stem}.jpg /Annotations/480p/{sequence}/{stem}.png\r\n",
                    _ => $"JPEGImages/480p/{sequence}/{stem}.jpg\t/Annotations/480p/{sequence}/{stem}.png\n\n",
                };
                val.Append(line);
            }
        }

        var train = new StringBuilder();
        for (int f = 0; f < 2; f++)
        {
            entries.Add(($"DAVIS/JPEGImages/480p/bear/{f:D5}.jpg", DavisFrame("bear", f)));
            entries.Add(($"DAVIS/Annotations/480p/bear/{f:D5}.png", DavisMask(0, f)));
            train.Append($"/JPEGImages/480p/bear/{f:D5}.jpg /Annotations/480p/bear/{f:D5}.png\n");
        }

        entries.Add(("DAVIS/ImageSets/480p/val.txt", Text(valList ?? val.ToString())));
        entries.Add(("DAVIS/ImageSets/480p/train.txt", Text(train.ToString())));
        entries.Add(("DAVIS/ImageSets/1080p/val.txt", Text(val.ToString().Replace("480p", "1080p", StringComparison.Ordinal))));
        entries.Add(("DAVIS/Annotations/db_info.yml", Text("sequences: []\n")));
        entries.AddRange(extra ?? []);
        return Zip(entries, level);
    }

    /// <summary>blackswan's masks are gray PNGs; camel's are palette PNGs with the same values.</summary>
    private static byte[] DavisMask(int sequence, int frame)
    {
        var values = new byte[Width * Height];
        for (int y = 0; y < Height; y++)
        {
            for (int x = 0; x < Width; x++)
            {
                values[(y * Width) + x] = DavisMaskValue(sequence, frame, x, y);
            }
        }

        if (sequence == 0)
        {
            return TestImages.Png(Width, Height, values, colorType: 0);
        }

        byte[] palette = [0, 0, 0, 255, 255, 255, 128, 128, 128];
        byte[] indices = values.Select(v => v switch { 0 => (byte)0, 255 => (byte)1, _ => (byte)2 }).ToArray();
        return TestImages.Png(Width, Height, indices, colorType: 3, palette);
    }

    /// <summary>SegTrackV2 bmx frame pixels (RGB), distinct per frame.</summary>
    public static byte[] SegTrackFrameRgb(int frame)
    {
        var rgb = new byte[Width * Height * 3];
        for (int i = 0; i < rgb.Length; i++)
        {
            rgb[i] = (byte)((i * 7) + (frame * 31));
        }

        return rgb;
    }

    /// <summary>bmx object 1: a block in the top-left corner, plus the bottom-right pixel at 255.</summary>
    public static byte BmxObject1(int frame, int x, int y) => (x < 4 && y < 3 + frame % 2) || (x == Width - 1 && y == Height - 1) ? (byte)255 : (byte)0;

    /// <summary>
    /// bmx object 2 (3-channel): a block in the bottom-right corner, a faint edge pixel (0,128,0) at
    /// the bottom-left, and (1,0,0) on the bottom-right pixel, where a uint8 sum with object 1 would wrap to 0.
    /// </summary>
    public static (byte R, byte G, byte B) BmxObject2(int frame, int x, int y)
    {
        if (x == Width - 1 && y == Height - 1)
        {
            return (1, 0, 0);
        }

        if (x == 0 && y == Height - 1)
        {
            return (0, 128, 0);
        }

        return x >= 5 - frame && y >= 2 && y < Height - 1 ? ((byte)255, (byte)255, (byte)255) : ((byte)0, (byte)0, (byte)0);
    }

    /// <summary>
    /// SegTrackv2/: all.txt lists "*bmx" and "birdfall". bmx has a stem list, frames as .png, .bmp and .jpg, two objects
    /// (object 1 as 8-bit BMPs, object 2 as RGB PNGs, missing for the last frame). birdfall has no stem list, one object
    /// directly in its folder, and a stray 0000000000.png; JPEGImages/CSI_NY.jpg is a stray file.
    /// </summary>
    public static byte[] SegTrackV2()
    {
        var entries = new List<(string Name, byte[] Data)>
        {
            ("SegTrackv2/ImageSets/all.txt", Text("*bmx\nbirdfall  \n\n")),
            ("SegTrackv2/ImageSets/bmx.txt", Text("/JPEGImages/bmx/\nbmx_06668\nbmx_06669\nbmx_06670\n")),
            ("SegTrackv2/JPEGImages/CSI_NY.jpg", TestImages.JpegStub(Width, Height, "stray")),
            ("SegTrackv2/JPEGImages/bmx/bmx_06668.png", TestImages.Png(Width, Height, SegTrackFrameRgb(0), colorType: 2)),
            ("SegTrackv2/JPEGImages/bmx/bmx_06669.bmp", TestImages.Bmp24(Width, Height, SegTrackFrameRgb(1))),
            ("SegTrackv2/JPEGImages/bmx/bmx_06670.jpg", BmxJpeg),
        };
        for (int f = 0; f < 3; f++)
        {
            var object1 = new byte[Width * Height];
            var object2 = new byte[Width * Height * 3];
            for (int y = 0; y < Height; y++)
            {
                for (int x = 0; x < Width; x++)
                {
                    object1[(y * Width) + x] = BmxObject1(f, x, y);
                    (byte r, byte g, byte b) = BmxObject2(f, x, y);
                    object2[((y * Width) + x) * 3] = r;
                    object2[(((y * Width) + x) * 3) + 1] = g;
                    object2[(((y * Width) + x) * 3) + 2] = b;
                }
            }

            entries.Add(($"SegTrackv2/GroundTruth/bmx/1/bmx_{6668 + f:D5}.bmp", TestImages.Bmp8Gray(Width, Height, object1)));
            if (f < 2)
            {
                entries.Add(($"SegTrackv2/GroundTruth/bmx/2/bmx_{6668 + f:D5}.png", TestImages.Png(Width, Height, object2, colorType: 2)));
            }
        }

        for (int f = 0; f < 2; f++)
        {
            string stem = $"birdfall2_{18 + f:D5}";
            entries.Add(($"SegTrackv2/JPEGImages/birdfall/{stem}.png", TestImages.Png(Width, Height, SegTrackFrameRgb(10 + f), colorType: 2)));
            entries.Add(($"SegTrackv2/GroundTruth/birdfall/{stem}.png", TestImages.Png(Width, Height, BirdfallMask(f), colorType: 0)));
        }

        entries.Add(("SegTrackv2/GroundTruth/birdfall/0000000000.png", TestImages.Png(Width, Height, Enumerable.Repeat((byte)255, Width * Height).ToArray(), colorType: 0)));
        return Zip(entries);
    }

    public static byte[] BmxJpeg { get; } = TestImages.JpegStub(Width, Height, "bmx_06670");

    public static byte[] BirdfallMask(int frame) =>
        Enumerable.Range(0, Width * Height).Select(i => i % Width == frame + 1 ? (byte)200 : (byte)0).ToArray();
}
