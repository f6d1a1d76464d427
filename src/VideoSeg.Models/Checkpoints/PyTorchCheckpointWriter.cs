using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using VideoSeg.Core.IO;
using static TorchSharp.torch;

namespace VideoSeg.Models.Checkpoints;

/// <summary>
/// Writes checkpoints that <c>torch.load</c> reads (also with <c>weights_only=True</c>): the zip
/// format of <c>torch.save</c>, a protocol-2 pickle with an OrderedDict state dict and one
/// uncompressed entry per storage.
/// </summary>
public static class PyTorchCheckpointWriter
{
    private const string RecordPrefix = "archive/";

    /// <summary>
    /// Writes <paramref name="stateDict"/> (in its enumeration order) as an OrderedDict, nested under
    /// <paramref name="nestUnder"/> beside the <paramref name="extra"/> entries (as detectron2's
    /// <c>{'model': ..., 'iteration': ...}</c>), or as the root when <paramref name="nestUnder"/> is null.
    /// Extra values may be null, bool, integers, floats, strings, tensors, <see cref="CheckpointValue"/>s,
    /// string-keyed dictionaries, tuples and lists of these.
    /// </summary>
    public static void Write(
        string path,
        IReadOnlyDictionary<string, Tensor> stateDict,
        IReadOnlyDictionary<string, object?>? extra = null,
        string? nestUnder = "model")
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(stateDict);
        IEnumerable<KeyValuePair<string, object?>> weights = stateDict.Select(pair => new KeyValuePair<string, object?>(pair.Key, pair.Value));
        using var pickler = new CheckpointPickler();
        byte[] pickle;
        if (nestUnder is null)
        {
            if (extra is { Count: > 0 })
            {
                throw new ArgumentException("Extra entries need a key to nest the state dict under.", nameof(extra));
            }

            pickle = pickler.Pickle(new OrderedRoot(weights));
        }
        else
        {
            var root = new List<KeyValuePair<string, object?>> { new(nestUnder, new OrderedRoot(weights)) };
            root.AddRange((extra ?? new Dictionary<string, object?>()).Where(pair => pair.Key != nestUnder));
            pickle = pickler.Pickle(root);
        }

        AtomicFile.Write(path, stream => WriteArchive(stream, pickle, pickler.Storages));
    }

    /// <summary>Writes an arbitrary value tree (as read by <see cref="PyTorchCheckpoint.Load"/>) back to a checkpoint.</summary>
    public static void Write(string path, CheckpointValue root)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var pickler = new CheckpointPickler();
        byte[] pickle = pickler.Pickle(root);
        AtomicFile.Write(path, stream => WriteArchive(stream, pickle, pickler.Storages));
    }

    private static void WriteArchive(Stream stream, byte[] pickle, IReadOnlyList<KeyValuePair<string, byte[]>> storages)
    {
        using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        WriteEntry(zip, RecordPrefix + "data.pkl", pickle);
        WriteEntry(zip, RecordPrefix + "byteorder", Encoding.ASCII.GetBytes("little"));
        foreach (KeyValuePair<string, byte[]> storage in storages)
        {
            WriteEntry(zip, RecordPrefix + "data/" + storage.Key, storage.Value);
        }

        WriteEntry(zip, RecordPrefix + "version", Encoding.ASCII.GetBytes("3\n"));
    }

    private static void WriteEntry(ZipArchive zip, string name, byte[] bytes)
    {
        ZipArchiveEntry entry = zip.CreateEntry(name, CompressionLevel.NoCompression);
        entry.LastWriteTime = new DateTimeOffset(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using Stream output = entry.Open();
        output.Write(bytes);
    }
}
