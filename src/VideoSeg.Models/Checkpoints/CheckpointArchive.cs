using System;
using System.IO;
using System.IO.Compression;
using VideoSeg.Core;

namespace VideoSeg.Models.Checkpoints;

/// <summary>
/// Where a checkpoint's tensor storages live: the zip file and its record prefix. Each read opens
/// the zip anew, so a loaded checkpoint holds no file handle and tensors can be read lazily, from any thread.
/// </summary>
internal sealed class CheckpointArchive
{
    public CheckpointArchive(string path, string recordPrefix, bool bigEndian)
    {
        Path = path;
        RecordPrefix = recordPrefix;
        BigEndian = bigEndian;
    }

    /// <summary>The checkpoint file.</summary>
    public string Path { get; }

    /// <summary>The folder inside the zip that holds <c>data.pkl</c>, with its trailing slash.</summary>
    public string RecordPrefix { get; }

    /// <summary>Whether the storages were written big-endian (the <c>byteorder</c> record).</summary>
    public bool BigEndian { get; }

    /// <summary>Reads storage <paramref name="key"/> as little-endian bytes, checking it holds <paramref name="byteCount"/> bytes.</summary>
    public byte[] ReadStorage(string key, long byteCount, int elementSize)
    {
        string entryName = RecordPrefix + "data/" + key;
        byte[] bytes;
        try
        {
            using ZipArchive zip = ZipFile.OpenRead(Path);
            ZipArchiveEntry entry = zip.GetEntry(entryName)
                ?? throw new VideoSegException(ErrorCodes.BadLayout, $"Checkpoint '{Path}' has no entry '{entryName}' for a tensor storage.", Path);
            if (entry.Length < byteCount)
            {
                throw new VideoSegException(ErrorCodes.BadLayout, $"Checkpoint '{Path}': storage '{entryName}' holds {entry.Length} bytes but its tensors need {byteCount}.", Path);
            }

            bytes = new byte[byteCount];
            using Stream stream = entry.Open();
            stream.ReadExactly(bytes);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            throw new VideoSegException(ErrorCodes.BadLayout, $"Checkpoint '{Path}': cannot read storage '{entryName}': {ex.Message}", Path, ex);
        }

        if (BigEndian && elementSize > 1)
        {
            for (int offset = 0; offset + elementSize <= bytes.Length; offset += elementSize)
            {
                Array.Reverse(bytes, offset, elementSize);
            }
        }

        return bytes;
    }
}
