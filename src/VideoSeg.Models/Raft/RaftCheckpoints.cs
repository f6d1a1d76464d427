using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using VideoSeg.Core;
using VideoSeg.Models.Checkpoints;
using static TorchSharp.torch;

namespace VideoSeg.Models.Raft;

/// <summary>
/// Loads RAFT's released weights (<c>raft-things.pth</c>, <c>raft-sintel.pth</c>, <c>raft-kitti.pth</c>,
/// <c>raft-chairs.pth</c>, <c>raft-small.pth</c>: bare state dicts saved by <c>torch.save</c> from an
/// <c>nn.DataParallel</c>, so every key starts with <c>module.</c>) into a <see cref="RaftNetwork"/>, strictly, with the
/// allow-listed reader that never runs code from the file. Batch-norm running statistics are loaded with the weights.
/// </summary>
/// <remarks>
/// RAFT's downsampling blocks put their shortcut norm in the module twice (<c>norm3</c>, or <c>norm4</c> in RAFT-small's
/// bottlenecks, and <c>downsample.1</c>, one object), so a batch-norm encoder's state dict holds those tensors under both
/// names. <see cref="RaftNetwork"/> holds the norm once; the <c>downsample.1.*</c> copy is accepted only where it is the
/// same tensor as its twin and is then set aside, and a copy that differs is an error naming both.
/// </remarks>
public static class RaftCheckpoints
{
    private const string FullOnlyKey = "update_block.mask.0.weight";
    private const string SmallOnlyKey = "update_block.gru.convz.weight";

    // The residual blocks' shortcut norm, and the bottlenecks'.
    private static readonly string[] s_sharedNorms = ["norm3", "norm4"];

    private static readonly Regex s_sharedNormCopy = new(@"^(?<block>.+)\.downsample\.1\.(?<tensor>[^.]+)$", RegexOptions.CultureInvariant);

    /// <summary>The variant whose update block the state dict holds, or null when it holds neither's telltale key.</summary>
    /// <param name="weights">A RAFT state dict, with or without the <c>module.</c> prefix.</param>
    /// <returns><see cref="RaftVariant.Full"/>, <see cref="RaftVariant.Small"/> or null.</returns>
    public static RaftVariant? DetectVariant(IReadOnlyDictionary<string, CheckpointTensor> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var keys = weights.Keys.Select(k => KeyMap.Raft.Apply(k)).ToHashSet(StringComparer.Ordinal);
        return keys.Contains(FullOnlyKey) ? RaftVariant.Full
            : keys.Contains(SmallOnlyKey) ? RaftVariant.Small
            : null;
    }

    /// <summary>Reads <paramref name="path"/> and loads it into <paramref name="network"/> (see <see cref="Load(RaftNetwork, IReadOnlyDictionary{string, CheckpointTensor}, string)"/>).</summary>
    /// <param name="network">The network, of the checkpoint's variant.</param>
    /// <param name="path">The <c>.pth</c> file.</param>
    /// <returns>What was loaded.</returns>
    /// <exception cref="VideoSegException">
    /// <see cref="ErrorCodes.MissingFile"/> when the file is absent; <see cref="ErrorCodes.BadLayout"/> when it is not a
    /// state dict, is of the other variant, or has a missing, unexpected or misshapen tensor.
    /// </exception>
    public static StateDictLoadReport Load(RaftNetwork network, string path)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new VideoSegException(ErrorCodes.MissingFile, $"RAFT weights not found: expected a .pth file (raft-things.pth, raft-small.pth, …) at '{path}'", path);
        }

        return Load(network, StateDict.Extract(PyTorchCheckpoint.Load(path), source: path), path);
    }

    /// <summary>
    /// Loads a RAFT state dict into <paramref name="network"/> through <see cref="KeyMap.Raft"/>: every tensor of the
    /// network must be in the file at its shape and the file may hold nothing else, or the load fails, before anything
    /// is copied, with one error naming each offending tensor.
    /// </summary>
    /// <param name="network">The network, of the checkpoint's variant.</param>
    /// <param name="weights">The state dict.</param>
    /// <param name="source">The file it came from, named in errors.</param>
    /// <returns>What was loaded.</returns>
    /// <exception cref="VideoSegException"><see cref="ErrorCodes.BadLayout"/> as <see cref="Load(RaftNetwork, string)"/>.</exception>
    public static StateDictLoadReport Load(RaftNetwork network, IReadOnlyDictionary<string, CheckpointTensor> weights, string source)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(weights);
        RaftVariant? variant = DetectVariant(weights);
        if (variant is { } found && found != network.Variant)
        {
            throw new VideoSegException(
                ErrorCodes.BadLayout,
                $"'{source}' holds {Describe(found)} weights, but {Describe(network.Variant)} was asked for; use --estimator {(found == RaftVariant.Small ? "raft-small" : "raft")}",
                source);
        }

        return StateDictLoader.Load(network, WithoutSharedNormCopies(weights, source), KeyMap.Raft, strict: true, source);
    }

    /// <summary>The state dict without each <c>downsample.1.*</c> tensor that is its block's <c>norm3</c>/<c>norm4</c> tensor again.</summary>
    private static OrderedDictionary<string, CheckpointTensor> WithoutSharedNormCopies(IReadOnlyDictionary<string, CheckpointTensor> weights, string source)
    {
        var result = new OrderedDictionary<string, CheckpointTensor>(StringComparer.Ordinal);
        foreach ((string key, CheckpointTensor tensor) in weights)
        {
            Match copy = s_sharedNormCopy.Match(key);
            string? twin = !copy.Success ? null
                : s_sharedNorms.Select(norm => $"{copy.Groups["block"].Value}.{norm}.{copy.Groups["tensor"].Value}").FirstOrDefault(weights.ContainsKey);
            if (twin is null)
            {
                result.Add(key, tensor);
                continue;
            }

            if (!SameValues(tensor, weights[twin]))
            {
                throw new VideoSegException(
                    ErrorCodes.BadLayout,
                    $"'{source}': '{key}' and '{twin}' differ, but RAFT's downsampling blocks hold one norm under both names, so a RAFT checkpoint has the same tensor in both places",
                    source);
            }
        }

        return result;
    }

    private static bool SameValues(CheckpointTensor a, CheckpointTensor b)
    {
        if (a.StorageKey == b.StorageKey && a.StorageOffset == b.StorageOffset && a.Shape.SequenceEqual(b.Shape) && a.Strides.SequenceEqual(b.Strides))
        {
            return true;
        }

        if (!a.Shape.SequenceEqual(b.Shape))
        {
            return false;
        }

        using Tensor first = a.ToTorch();
        using Tensor second = b.ToTorch();
        if (first.dtype != second.dtype)
        {
            return false;
        }

        using Tensor same = first.eq(second).all();
        return same.item<bool>();
    }

    private static string Describe(RaftVariant variant) => variant == RaftVariant.Small ? "RAFT-small" : "full RAFT";
}
