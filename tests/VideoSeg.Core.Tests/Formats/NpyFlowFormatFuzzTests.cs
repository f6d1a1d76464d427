using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using VideoSeg.Core.Formats;
using VideoSeg.Core.Imaging;
using VideoSeg.TestUtilities;
using Xunit;
using Xunit.Abstractions;

namespace VideoSeg.Core.Tests.Formats;

public sealed class NpyFlowFormatFuzzTests
{
    private readonly ITestOutputHelper _output;

    public NpyFlowFormatFuzzTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void MutatedNpyFilesAreReadOrRejectedAsCorruptNpyNamingTheFile()
    {
        using var temp = new TempDirectory();
        var random = new Random(3);
        var flow = new FlowField(9, 5, Enumerable.Range(0, 9 * 5 * 2).Select(_ => (float)((random.NextDouble() * 10) - 5)).ToArray());
        byte[] valid = NpyFlowFormat.Encode(flow);
        int headerLength = valid.Length - (4 * flow.Data.Length);

        IEnumerable<FuzzCase> cases = FormatFuzzer.Mutations(valid, headerLength, seed: 2).Concat(HeaderCases(flow, valid, headerLength));

        FormatFuzzer.Run(_output, ".npy", temp.Combine("case.npy"), cases, path => NpyFlowFormat.Read(path), ErrorCodes.CorruptNpy);
    }

    private static IEnumerable<FuzzCase> HeaderCases(FlowField flow, byte[] valid, int headerLength)
    {
        byte[] payload = valid[headerLength..];
        string[] shapes =
        [
            "(100000, 100000, 2)", "(2147483647, 2147483647, 2)", "(99999999999, 1, 2)", "(-1, -1, 2)", "(-5, 9, 2)", "(0, 9, 2)",
            "(5, 0, 2)", "(5L, 9L, 2L)", "(5, 9)", "(5, 9, 3)", "(5, 9, 2, 1)", "()", "(+5, 9, 2)", "(5.0, 9, 2)", "(16385, 1, 2)",
            "(5, 9, 2", "(5 9 2)", "(x, y, 2)", "(1, 90, 2)", "(90, 1, 2)",
        ];
        foreach (string shape in shapes)
        {
            yield return new FuzzCase($"shape {shape}", Npy($"{{'descr': '<f4', 'fortran_order': False, 'shape': {shape}, }}", payload));
        }

        foreach (string descr in new[] { "<f8", ">f4", "<i4", "|u1", string.Empty })
        {
            yield return new FuzzCase($"descr '{descr}'", Npy($"{{'descr': '{descr}', 'fortran_order': False, 'shape': ({flow.Height}, {flow.Width}, 2), }}", payload));
        }

        yield return new FuzzCase("Fortran order", Npy($"{{'descr': '<f4', 'fortran_order': True, 'shape': ({flow.Height}, {flow.Width}, 2), }}", payload));
        foreach ((byte major, uint length) in new (byte, uint)[] { (0, 70), (2, 70), (2, uint.MaxValue), (2, int.MaxValue), (2, 0x8000_0000), (3, 70), (4, 70), (255, 70), (1, 0), (1, 65535) })
        {
            byte[] bytes = (byte[])valid.Clone();
            bytes[6] = major;
            if (major == 1)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)length);
            }
            else
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), length);
            }

            yield return new FuzzCase($"version {major}.0, header length {length}", bytes);
        }

        foreach (float bad in new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity })
        {
            byte[] bytes = (byte[])valid.Clone();
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(bytes.Length - 4), bad);
            yield return new FuzzCase($"last value set to {bad}", bytes);
        }
    }

    private static byte[] Npy(string header, byte[] payload)
    {
        byte[] text = Encoding.ASCII.GetBytes(header + "\n");
        var bytes = new byte[10 + text.Length + payload.Length];
        bytes[0] = 0x93;
        "NUMPY"u8.CopyTo(bytes.AsSpan(1));
        bytes[6] = 1;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)text.Length);
        text.CopyTo(bytes, 10);
        payload.CopyTo(bytes, 10 + text.Length);
        return bytes;
    }
}
