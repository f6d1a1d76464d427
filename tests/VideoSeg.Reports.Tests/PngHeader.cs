using System;
using System.Buffers.Binary;

namespace VideoSeg.Reports.Tests;

/// <summary>Reads a PNG's pixel size from its IHDR chunk, without a decoder.</summary>
internal static class PngHeader
{
    private static readonly byte[] s_signature = [137, 80, 78, 71, 13, 10, 26, 10];

    public static (int Width, int Height) ReadSize(byte[] png)
    {
        if (png.Length < 24 || !png.AsSpan(0, 8).SequenceEqual(s_signature) || png[12] != (byte)'I' || png[13] != (byte)'H' || png[14] != (byte)'D' || png[15] != (byte)'R')
        {
            throw new FormatException("not a PNG with an IHDR chunk first");
        }

        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
    }
}
