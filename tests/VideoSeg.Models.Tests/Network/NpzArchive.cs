using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using VideoSeg.Core.IO;

namespace VideoSeg.Models.Tests.Network;

/// <summary>
/// numpy's <c>.npz</c> (a zip of <c>.npy</c> entries, format 1.0, C order) for float arrays: written as little-endian
/// float32 for <c>np.load</c>, read back from <c>np.savez</c> as float32 or float64.
/// </summary>
internal static partial class NpzArchive
{
    private static readonly byte[] s_magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    public static void Write(string path, IReadOnlyDictionary<string, (long[] Shape, float[] Data)> arrays)
    {
        AtomicFile.Write(path, stream =>
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
            foreach ((string name, (long[] shape, float[] data)) in arrays)
            {
                if (shape.Aggregate(1L, (a, b) => a * b) != data.Length)
                {
                    throw new ArgumentException($"{name}: shape [{string.Join(", ", shape)}] does not hold {data.Length} values.", nameof(arrays));
                }

                using Stream entry = zip.CreateEntry(name + ".npy", CompressionLevel.NoCompression).Open();
                WriteNpy(entry, shape, data);
            }
        });
    }

    public static Dictionary<string, (long[] Shape, double[] Data)> Read(string path)
    {
        var result = new Dictionary<string, (long[], double[])>(StringComparer.Ordinal);
        using ZipArchive zip = ZipFile.OpenRead(path);
        foreach (ZipArchiveEntry entry in zip.Entries)
        {
            using var buffer = new MemoryStream();
            using (Stream source = entry.Open())
            {
                source.CopyTo(buffer);
            }

            result[Path.GetFileNameWithoutExtension(entry.FullName)] = ParseNpy(buffer.ToArray(), $"{path}:{entry.FullName}");
        }

        return result;
    }

    private static void WriteNpy(Stream stream, long[] shape, float[] data)
    {
        string dims = shape.Length == 1 ? $"{shape[0]}," : string.Join(", ", shape.Select(s => s.ToString(CultureInfo.InvariantCulture)));
        string header = $"{{'descr': '<f4', 'fortran_order': False, 'shape': ({dims}), }}";
        int unpadded = s_magic.Length + 4 + header.Length + 1;
        header += new string(' ', (64 - (unpadded % 64)) % 64) + "\n";
        stream.Write(s_magic);
        stream.Write([1, 0]);
        Span<byte> length = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(length, checked((ushort)header.Length));
        stream.Write(length);
        stream.Write(Encoding.ASCII.GetBytes(header));
        var bytes = new byte[data.Length * sizeof(float)];
        for (int i = 0; i < data.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), data[i]);
        }

        stream.Write(bytes);
    }

    private static (long[] Shape, double[] Data) ParseNpy(byte[] bytes, string source)
    {
        if (bytes.Length < 10 || !bytes.AsSpan(0, 6).SequenceEqual(s_magic) || bytes[6] != 1)
        {
            throw new InvalidDataException($"{source}: not a version 1.0 .npy array.");
        }

        int headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8));
        string header = Encoding.ASCII.GetString(bytes, 10, headerLength);
        Match match = HeaderPattern().Match(header);
        if (!match.Success || header.Contains("'fortran_order': True", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{source}: expected a C-order '<f4' or '<f8' array, got header {header.Trim()}.");
        }

        long[] shape = match.Groups["shape"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        int size = match.Groups["type"].Value == "f4" ? sizeof(float) : sizeof(double);
        long count = shape.Aggregate(1L, (a, b) => a * b);
        ReadOnlySpan<byte> payload = bytes.AsSpan(10 + headerLength);
        if (payload.Length != count * size)
        {
            throw new InvalidDataException($"{source}: {payload.Length} data bytes for shape [{string.Join(", ", shape)}].");
        }

        var data = new double[count];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = size == sizeof(float)
                ? BinaryPrimitives.ReadSingleLittleEndian(payload.Slice(i * size))
                : BinaryPrimitives.ReadDoubleLittleEndian(payload.Slice(i * size));
        }

        return (shape, data);
    }

    [GeneratedRegex(@"'descr':\s*'<(?<type>f4|f8)'.*'shape':\s*\((?<shape>[^)]*)\)")]
    private static partial Regex HeaderPattern();
}
