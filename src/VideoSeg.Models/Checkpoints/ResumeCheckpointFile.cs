using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using TorchSharp;
using TorchSharp.Modules;
using VideoSeg.Core;
using VideoSeg.Core.IO;
using static TorchSharp.torch;

namespace VideoSeg.Models.Checkpoints;

/// <summary>
/// The binary resume file of VideoSeg's trainers: a magic string, the signature of the options it may be resumed
/// under, the iteration, torch's CPU generator state, the trainer's own rows (loss curve, measurements), then the
/// network's checkpointed state (<see cref="Network.GwmNetwork.CheckpointState"/>: a frozen backbone with weights of
/// its own is left out) by key, and the optimizer's state. It is written atomically, so its presence marks a complete
/// checkpoint, and read strictly: every defect is one <see cref="VideoSegException"/> naming the file.
/// </summary>
public static class ResumeCheckpointFile
{
    /// <summary>The newest file matching <paramref name="pattern"/> in <paramref name="directory"/> (names sort by iteration), or null.</summary>
    public static string? Latest(string directory, string pattern) =>
        Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, pattern).OrderBy(p => p, StringComparer.Ordinal).LastOrDefault()
            : null;

    /// <summary>Writes a resume file to <paramref name="path"/>; <paramref name="rows"/> writes the trainer's own rows.</summary>
    public static void Write(string path, string magic, string signature, int iteration, Action<BinaryWriter> rows, IReadOnlyDictionary<string, Tensor> state, OptimizerHelper optimizer)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(optimizer);
        AtomicFile.Write(path, stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            writer.Write(magic);
            writer.Write(signature);
            writer.Write(iteration);
            using (Tensor rng = random.get_rng_state())
            {
                byte[] bytes = rng.data<byte>().ToArray();
                writer.Write(bytes.Length);
                writer.Write(bytes);
            }

            rows(writer);
            writer.Write(state.Count);
            foreach ((string key, Tensor value) in state)
            {
                writer.Write(key);
                value.Save(writer);
            }

            optimizer.save_state_dict(writer);
            writer.Flush();
        });
    }

    /// <summary>
    /// Reads a resume file into <paramref name="state"/> (the same keys it was written from, no more and no fewer) and
    /// <paramref name="optimizer"/> and restores torch's generator;
    /// returns its iteration. <paramref name="rows"/> reads the trainer's own rows, given the iteration, and throws
    /// <see cref="VideoSegException"/> when they do not fit it. <paramref name="what"/> names the kind of file and
    /// <paramref name="mismatch"/> says why a file of other options cannot be resumed.
    /// </summary>
    public static int Read(string path, string magic, string signature, string what, string mismatch, Action<BinaryReader, int> rows, IReadOnlyDictionary<string, Tensor> state, OptimizerHelper optimizer)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(optimizer);
        try
        {
            using FileStream stream = File.OpenRead(path);
            using var reader = new BinaryReader(stream, Encoding.UTF8);
            if (reader.ReadString() != magic)
            {
                throw new VideoSegException(ErrorCodes.BadLayout, $"not a VideoSeg {what}", path);
            }

            if (reader.ReadString() != signature)
            {
                throw new VideoSegException(ErrorCodes.InvalidArgument, mismatch, path);
            }

            int iteration = reader.ReadInt32();
            byte[] rng = reader.ReadBytes(reader.ReadInt32());
            rows(reader, iteration);
            ReadState(reader, state, what, path);
            optimizer.load_state_dict(reader);
            using (Tensor generator = tensor(rng, dtype: ScalarType.Byte))
            {
                random.set_rng_state(generator);
            }

            return iteration;
        }
        catch (Exception ex) when (ex is EndOfStreamException or IOException or ArgumentException or InvalidOperationException)
        {
            throw new VideoSegException(ErrorCodes.BadLayout, $"{what} is truncated or corrupt: {ex.Message}", path);
        }
    }

    private static void ReadState(BinaryReader reader, IReadOnlyDictionary<string, Tensor> state, string what, string path)
    {
        int count = reader.ReadInt32();
        if (count != state.Count)
        {
            throw new VideoSegException(ErrorCodes.BadLayout, $"{what} holds {count} weight tensors; this network checkpoints {state.Count}", path);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        using var noGrad = no_grad();
        for (int i = 0; i < count; i++)
        {
            string key = reader.ReadString();
            if (!state.TryGetValue(key, out Tensor? target) || !seen.Add(key))
            {
                throw new VideoSegException(ErrorCodes.BadLayout, $"{what} holds the weight '{key}', which this network does not checkpoint (or holds it twice)", path);
            }

            target.Load(reader);
        }
    }
}
