using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Text;

namespace VideoSeg.Data.Tests.Acquisition;

/// <summary>
/// Damages a zip the way a bad disk or a truncated mirror would: bytes of one entry's data, or the
/// sizes its headers declare. It reads the local header itself, so it works on stored and deflated entries.
/// </summary>
public static class ZipSurgery
{
    private const uint LocalHeaderSignature = 0x04034b50;
    private const uint CentralHeaderSignature = 0x02014b50;

    /// <summary>A copy of <paramref name="zip"/> with the byte at <paramref name="offset"/> of the entry's (compressed) data inverted.</summary>
    public static byte[] FlipDataByte(byte[] zip, string entryName, int offset)
    {
        byte[] copy = (byte[])zip.Clone();
        (int dataStart, int compressedSize) = LocateData(copy, entryName);
        if (offset < 0 || offset >= compressedSize)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), $"'{entryName}' has {compressedSize} bytes of data");
        }

        copy[dataStart + offset] ^= 0xFF;
        return copy;
    }

    /// <summary>The entry's data as stored in the archive (compressed, when it is).</summary>
    public static byte[] Data(byte[] zip, string entryName)
    {
        (int dataStart, int compressedSize) = LocateData(zip, entryName);
        return zip.AsSpan(dataStart, compressedSize).ToArray();
    }

    /// <summary>A copy of <paramref name="zip"/> whose local and central headers declare <paramref name="size"/> as the entry's uncompressed size.</summary>
    public static byte[] DeclareUncompressedSize(byte[] zip, string entryName, uint size)
    {
        byte[] copy = (byte[])zip.Clone();
        byte[] name = Encoding.UTF8.GetBytes(entryName);
        foreach (int header in HeadersNaming(copy, name))
        {
            uint signature = BinaryPrimitives.ReadUInt32LittleEndian(copy.AsSpan(header));
            int sizeOffset = signature == LocalHeaderSignature ? 22 : 24;
            BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(header + sizeOffset), size);
        }

        return copy;
    }

    private static (int DataStart, int CompressedSize) LocateData(byte[] zip, string entryName)
    {
        byte[] name = Encoding.UTF8.GetBytes(entryName);
        foreach (int header in HeadersNaming(zip, name))
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(header)) == LocalHeaderSignature)
            {
                int compressedSize = (int)BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(header + 18));
                int extraLength = BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(header + 28));
                return (header + 30 + name.Length + extraLength, compressedSize);
            }
        }

        throw new ArgumentException($"the zip has no local header for '{entryName}'", nameof(entryName));
    }

    /// <summary>The offsets of the local and central headers whose name is exactly <paramref name="name"/>.</summary>
    private static IEnumerable<int> HeadersNaming(byte[] zip, byte[] name)
    {
        for (int i = 0; i + 4 <= zip.Length; i++)
        {
            uint signature = BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(i));
            int nameOffset = signature switch
            {
                LocalHeaderSignature => 30,
                CentralHeaderSignature => 46,
                _ => -1,
            };
            if (nameOffset < 0 || i + nameOffset + name.Length > zip.Length)
            {
                continue;
            }

            int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(i + nameOffset - (signature == LocalHeaderSignature ? 4 : 18)));
            if (nameLength == name.Length && zip.AsSpan(i + nameOffset, name.Length).SequenceEqual(name))
            {
                yield return i;
            }
        }
    }
}
