using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using VideoSeg.Core.Imaging;
using VideoSeg.TestUtilities;
using Xunit;
using Xunit.Abstractions;

namespace VideoSeg.Core.Tests.Imaging;

public sealed class PpmFormatFuzzTests
{
    private readonly ITestOutputHelper _output;

    public PpmFormatFuzzTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void MutatedPpmFilesAreReadOrRejectedAsCorruptImageNamingTheFile()
    {
        using var temp = new TempDirectory();
        var random = new Random(5);
        var pixels = new byte[11 * 6 * 3];
        random.NextBytes(pixels);
        byte[] valid = Ppm("P6\n11 6\n255\n", pixels);

        IEnumerable<FuzzCase> cases = FormatFuzzer.Mutations(valid, headerLength: 12, seed: 4).Concat(HeaderCases(pixels));

        FormatFuzzer.Run(_output, ".ppm", temp.Combine("case.ppm"), cases, path => PpmFormat.Read(path), ErrorCodes.CorruptImage);
    }

    private static IEnumerable<FuzzCase> HeaderCases(byte[] pixels)
    {
        string[] headers =
        [
            "P6\n100000 100000\n255\n", "P6\n2147483647 2147483647\n255\n", "P6\n99999999999 1\n255\n", "P6\n-11 6\n255\n",
            "P6\n0 6\n255\n", "P6\n11 0\n255\n", "P6\n11 6\n65535\n", "P6\n11 6\n-255\n", "P6\n11 6\n0\n", "P6\n11 6\n255",
            "P6\n11 6\n", "P6\n11\n", "P6\n", "P3\n11 6\n255\n", "P6 # comment\n11 6 255\n", "P6\n0x0B 6\n255\n", "P6\n+11 6\n255\n",
            "P6\n11.0 6\n255\n", "P6\n65536 65536\n255\n", "P6\n16384 16384\n255\n", "P6\n" + new string('9', 5000) + " 6\n255\n",
        ];
        return headers.Select(header => new FuzzCase($"header '{header.Replace("\n", "\\n", StringComparison.Ordinal)[..Math.Min(header.Length, 40)]}'", Ppm(header, pixels)));
    }

    private static byte[] Ppm(string header, byte[] pixels) => [.. Encoding.ASCII.GetBytes(header), .. pixels];
}
