using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using VideoSeg.Core;

namespace VideoSeg.Models.Checkpoints;

/// <summary>
/// Reads PyTorch checkpoints in the zip format <c>torch.save</c> writes since PyTorch 1.6
/// (<c>&lt;archive&gt;/data.pkl</c>, <c>&lt;archive&gt;/data/&lt;key&gt;</c>, <c>&lt;archive&gt;/version</c>),
/// without running any code the file names: see <see cref="SafeUnpickler"/>'s allow-list.
/// </summary>
public static class PyTorchCheckpoint
{
    /// <summary>
    /// Reads the object tree of a checkpoint. Tensors come back as <see cref="CheckpointTensor"/>
    /// references whose data is read from the file when <see cref="CheckpointTensor.ToTorch"/> is called.
    /// </summary>
    public static CheckpointValue Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new VideoSegException(ErrorCodes.MissingFile, $"Checkpoint '{path}' does not exist.", path);
        }

        byte[] pickle;
        CheckpointArchive archive;
        try
        {
            using ZipArchive zip = ZipFile.OpenRead(path);
            ZipArchiveEntry pickleEntry = zip.Entries
                .Where(entry => entry.FullName.EndsWith("data.pkl", StringComparison.Ordinal) && entry.FullName.Count(c => c == '/') == 1)
                .OrderBy(entry => entry.FullName, StringComparer.Ordinal)
                .FirstOrDefault()
                ?? throw new VideoSegException(
                    ErrorCodes.BadLayout,
                    $"Checkpoint '{path}' is a zip without '<archive>/data.pkl'; expected a file written by torch.save (PyTorch 1.6 or later).",
                    path);
            string prefix = pickleEntry.FullName[..^"data.pkl".Length];
            bool bigEndian = ReadText(zip, prefix + "byteorder")?.Trim() == "big";
            if (pickleEntry.Length > int.MaxValue)
            {
                throw new VideoSegException(ErrorCodes.BadLayout, $"Checkpoint '{path}': data.pkl is too large.", path);
            }

            pickle = new byte[pickleEntry.Length];
            using (Stream stream = pickleEntry.Open())
            {
                stream.ReadExactly(pickle);
            }

            archive = new CheckpointArchive(Path.GetFullPath(path), prefix, bigEndian);
        }
        catch (InvalidDataException ex)
        {
            throw new VideoSegException(
                ErrorCodes.BadLayout,
                $"Checkpoint '{path}' is not a readable zip file ({ex.Message}); expected a file written by torch.save (PyTorch 1.6 or later). Legacy (pre-1.6) checkpoints are not supported.",
                path,
                ex);
        }
        catch (IOException ex)
        {
            throw new VideoSegException(ErrorCodes.BadLayout, $"Checkpoint '{path}' cannot be read: {ex.Message}", path, ex);
        }

        try
        {
            return new SafeUnpickler(pickle, path, archive).Run();
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidCastException or InvalidOperationException or OverflowException or IndexOutOfRangeException or FormatException or KeyNotFoundException)
        {
            // The unpickler reports the defects it knows as VideoSegException; any other failure on a malformed
            // pickle must still name the file rather than surface as an internal error.
            throw new VideoSegException(ErrorCodes.BadLayout, $"Checkpoint '{path}' is not a readable PyTorch checkpoint: {ex.Message}", path, ex);
        }
    }

    private static string? ReadText(ZipArchive zip, string name)
    {
        ZipArchiveEntry? entry = zip.GetEntry(name);
        if (entry is null || entry.Length > 64)
        {
            return null;
        }

        using var reader = new StreamReader(entry.Open(), Encoding.ASCII);
        return reader.ReadToEnd();
    }
}
