using System;
using System.Buffers.Binary;

namespace VideoSeg.Data.Acquisition;

/// <summary>
/// Reads a JPEG's size from its frame header without decoding it: frames that are already
/// JPEG are copied byte for byte, and only their size is needed to check them against the masks.
/// </summary>
internal static class JpegHeader
{
    /// <summary>True when <paramref name="data"/> starts with a JPEG start-of-image marker.</summary>
    public static bool IsJpeg(ReadOnlySpan<byte> data) => data.Length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF;

    /// <summary>Finds the first start-of-frame segment and reads the size from it.</summary>
    public static bool TryReadSize(ReadOnlySpan<byte> data, out int width, out int height)
    {
        width = 0;
        height = 0;
        if (!IsJpeg(data))
        {
            return false;
        }

        int offset = 2;
        while (offset + 4 <= data.Length)
        {
            if (data[offset] != 0xFF)
            {
                return false;
            }

            byte marker = data[offset + 1];
            if (marker == 0xFF)
            {
                offset++;
                continue;
            }

            if (marker is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                offset += 2;
                continue;
            }

            if (marker is 0xD9 or 0xDA)
            {
                return false;
            }

            int length = BinaryPrimitives.ReadUInt16BigEndian(data[(offset + 2)..]);
            bool isStartOfFrame = marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC;
            if (isStartOfFrame)
            {
                if (offset + 9 > data.Length || length < 7)
                {
                    return false;
                }

                height = BinaryPrimitives.ReadUInt16BigEndian(data[(offset + 5)..]);
                width = BinaryPrimitives.ReadUInt16BigEndian(data[(offset + 7)..]);
                return width > 0 && height > 0;
            }

            offset += 2 + length;
        }

        return false;
    }
}
