using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using VideoSeg.Core.Formats;
using VideoSeg.Core.Imaging;
using VideoSeg.TestUtilities;
using Xunit;
using Xunit.Abstractions;

namespace VideoSeg.Core.Tests.Formats;

public sealed class FloFormatFuzzTests
{
    private const int HeaderLength = 12;

    private readonly ITestOutputHelper _output;

    public FloFormatFuzzTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void MutatedFloFilesAreReadOrRejectedAsCorruptFlowNamingTheFile()
    {
        using var temp = new TempDirectory();
        var random = new Random(7);
        var flow = new FlowField(13, 7, Enumerable.Range(0, 13 * 7 * 2).Select(_ => (float)((random.NextDouble() * 40) - 20)).ToArray());
        string written = temp.Combine("valid.flo");
        FloFormat.Write(written, flow);
        byte[] valid = File.ReadAllBytes(written);

        IEnumerable<FuzzCase> cases = FormatFuzzer.Mutations(valid, HeaderLength, seed: 1).Concat(HeaderCases(valid, random));

        FormatFuzzer.Run(_output, "synthetic .flo", temp.Combine("case.flo"), cases, path => FloFormat.Read(path), ErrorCodes.CorruptFlow);
    }

    [SkippableFact]
    public void MutatedFlyingChairsFlowsAreReadOrRejectedAsCorruptFlowNamingTheFile()
    {
        string folder = SharedData.RequirePath("flyingchairs-samples");
        string[] samples = Directory.GetFiles(folder, "*.flo").Order(StringComparer.Ordinal).Take(2).ToArray();
        Skip.If(samples.Length == 0, $"no .flo samples in '{folder}'");
        using var temp = new TempDirectory();
        var random = new Random(11);
        IEnumerable<FuzzCase> cases = samples.SelectMany((sample, i) =>
        {
            byte[] valid = File.ReadAllBytes(sample);
            string name = Path.GetFileName(sample);
            return FormatFuzzer.Mutations(valid, HeaderLength, seed: 100 + i, randomFlips: 60, randomTruncations: 10)
                .Concat(HeaderCases(valid, random))
                .Select(c => c with { Description = $"{name}: {c.Description}" });
        });

        FormatFuzzer.Run(_output, $"FlyingChairs .flo ({samples.Length} samples)", temp.Combine("case.flo"), cases, path => FloFormat.Read(path), ErrorCodes.CorruptFlow);
    }

    [Fact]
    public void HeaderClaimingAHugeFlowIsRejectedBeforeThePayloadIsRead()
    {
        using var temp = new TempDirectory();
        string path = temp.Combine("huge.flo");
        byte[] bytes = FloFormat.Encode(new FlowField(2, 2));
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), 100_000);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), 100_000);
        File.WriteAllBytes(path, bytes);

        var ex = Assert.Throws<VideoSegException>(() => FloFormat.Read(path));

        Assert.Equal(ErrorCodes.CorruptFlow, ex.Code);
        Assert.Equal(path, ex.Path);
        Assert.Contains("100000×100000", ex.Message, StringComparison.Ordinal);
        Assert.Contains("16384", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>Declared sizes that are absurd, zero, negative or disagree with the length; non-finite payloads.</summary>
    private static IEnumerable<FuzzCase> HeaderCases(byte[] valid, Random random)
    {
        int width = BinaryPrimitives.ReadInt32LittleEndian(valid.AsSpan(4));
        int height = BinaryPrimitives.ReadInt32LittleEndian(valid.AsSpan(8));
        int[] sizes = [0, -1, 1, int.MaxValue, int.MinValue, 100_000, 16_384, 16_385, 32_768, 65_536, 1 << 30, width + 1, width - 1, height * 2];
        foreach (int w in sizes.Append(width))
        {
            foreach (int h in sizes.Append(height))
            {
                yield return WithSize(valid, w, h, $"declared size {w}×{h}");
            }
        }

        foreach (float bad in new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity })
        {
            foreach (int index in new[] { 0, 1, ((valid.Length - HeaderLength) / 4) - 1, random.Next((valid.Length - HeaderLength) / 4) })
            {
                byte[] bytes = (byte[])valid.Clone();
                BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(HeaderLength + (4 * index)), bad);
                yield return new FuzzCase($"value {index} set to {bad}", bytes);
            }
        }

        foreach (float magic in new[] { 0f, float.NaN, -FloFormat.Magic, FloFormat.Magic + 1 })
        {
            byte[] bytes = (byte[])valid.Clone();
            BinaryPrimitives.WriteSingleLittleEndian(bytes, magic);
            yield return new FuzzCase($"magic set to {magic}", bytes);
        }
    }

    private static FuzzCase WithSize(byte[] valid, int width, int height, string description)
    {
        byte[] bytes = (byte[])valid.Clone();
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), width);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), height);
        return new FuzzCase(description, bytes);
    }
}
