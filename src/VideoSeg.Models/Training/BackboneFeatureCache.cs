using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using VideoSeg.Core;
using VideoSeg.Models.Network;
using static TorchSharp.torch;

namespace VideoSeg.Models.Training;

/// <summary>
/// A frozen backbone's features, computed once per distinct frame and kept on the training device for the rest of the
/// training: the backbone is in evaluation mode and never changes, so recomputing its res2..res5 every time a frame is
/// drawn again would only repeat the same arithmetic. Entries are keyed by a SHA-256 of the frame's pixels as the network
/// receives them (so a changed frame, or the same frame resized differently, is a miss), and the whole cache belongs to
/// one model hash: <see cref="Rebind"/> with another hash (other weights) empties it. Memory: 4 levels per frame, e.g.
/// 215,040 floats (840 KiB) for ResNet18 at 128×224, about 380 MiB for the synthetic suite's ~460 frames and 1.1 GiB for
/// DAVIS 2016 val's 1,376; past <see cref="ByteBudget"/>, features are still computed but no longer stored.
/// </summary>
public sealed class BackboneFeatureCache : IDisposable
{
    /// <summary>The default budget: 4 GiB of cached features.</summary>
    public const long DefaultByteBudget = 4L << 30;

    private readonly GwmNetwork _network;
    private readonly Dictionary<string, Tensor[]> _entries = new(StringComparer.Ordinal);

    /// <summary>Creates an empty cache over <paramref name="network"/>'s frozen backbone.</summary>
    /// <param name="network">The network; its backbone must be frozen.</param>
    /// <param name="modelHash">Identifies the backbone's weights (e.g. the ResNet18 package's content hash).</param>
    /// <param name="byteBudget">The most bytes of features kept.</param>
    public BackboneFeatureCache(GwmNetwork network, string modelHash, long byteBudget = DefaultByteBudget)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentException.ThrowIfNullOrEmpty(modelHash);
        if (!network.Backbone.IsFrozen)
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, "backbone features can be cached only for a frozen backbone; this one trains");
        }

        _network = network;
        ModelHash = modelHash;
        ByteBudget = byteBudget;
    }

    /// <summary>The weights the entries were computed with.</summary>
    public string ModelHash { get; private set; }

    /// <summary>The most bytes of features kept.</summary>
    public long ByteBudget { get; }

    /// <summary>Frames whose features came from the cache.</summary>
    public long Hits { get; private set; }

    /// <summary>Frames whose features were computed.</summary>
    public long Misses { get; private set; }

    /// <summary>Frames held.</summary>
    public int Count => _entries.Count;

    /// <summary>Bytes of features held.</summary>
    public long Bytes { get; private set; }

    /// <summary>The SHA-256 of one image's float32 pixels: the key of its features.</summary>
    public static string ImageKey(Tensor image)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var scope = NewDisposeScope();
        byte[] bytes = image.detach().to(ScalarType.Float32).cpu().contiguous().bytes.ToArray();
        return Convert.ToHexString(SHA256.HashData(bytes)) + ":" + string.Join("x", image.shape);
    }

    /// <summary>Binds the cache to <paramref name="modelHash"/>, dropping every entry when it differs from the current one.</summary>
    /// <returns>Whether the entries were dropped.</returns>
    public bool Rebind(string modelHash)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelHash);
        if (modelHash == ModelHash)
        {
            return false;
        }

        Clear();
        ModelHash = modelHash;
        return true;
    }

    /// <summary>
    /// The backbone's maps of <paramref name="images"/> (RGB in 0..255, B × 3 × H × W, as <see cref="GwmNetwork.ExtractFeatures"/>
    /// takes them), from the cache where present; the missing frames are computed together, in one backbone call.
    /// </summary>
    /// <returns>res2..res5, each B × C × h × w, new tensors in the caller's dispose scope, not requiring gradients.</returns>
    public Tensor[] Features(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        long batch = images.shape[0];
        string[] keys = Enumerable.Range(0, (int)batch).Select(b => ImageKey(images[b])).ToArray();
        var computed = new Dictionary<string, Tensor[]>(StringComparer.Ordinal);
        long[] missing = Enumerable.Range(0, (int)batch).Where(b => !_entries.ContainsKey(keys[b])).Select(b => (long)b).ToArray();
        if (missing.Length > 0)
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            using Tensor index = tensor(missing, device: images.device);
            Tensor[] maps = _network.ExtractFeatures(images.index_select(0, index));
            for (int i = 0; i < missing.Length; i++)
            {
                string key = keys[missing[i]];
                if (computed.ContainsKey(key))
                {
                    continue;
                }

                Tensor[] levels = maps.Select(level => level.narrow(0, i, 1).detach().clone().DetachFromDisposeScope()).ToArray();
                computed[key] = levels;
            }
        }

        var rows = new Tensor[batch][];
        for (int b = 0; b < batch; b++)
        {
            if (_entries.TryGetValue(keys[b], out Tensor[]? cached))
            {
                Hits++;
                rows[b] = cached;
            }
            else
            {
                Misses++;
                rows[b] = computed[keys[b]];
            }
        }

        Tensor[] result = Enumerable.Range(0, rows[0].Length).Select(level => cat(rows.Select(row => row[level]).ToArray(), 0)).ToArray();
        foreach ((string key, Tensor[] levels) in computed)
        {
            long size = levels.Sum(level => level.NumberOfElements * level.ElementSize);
            if (Bytes + size <= ByteBudget)
            {
                _entries[key] = levels;
                Bytes += size;
            }
            else
            {
                DisposeAll(levels);
            }
        }

        return result;
    }

    /// <summary>Drops every entry.</summary>
    public void Clear()
    {
        foreach (Tensor[] levels in _entries.Values)
        {
            DisposeAll(levels);
        }

        _entries.Clear();
        Bytes = 0;
    }

    /// <inheritdoc/>
    public void Dispose() => Clear();

    private static void DisposeAll(Tensor[] levels)
    {
        foreach (Tensor level in levels)
        {
            level.Dispose();
        }
    }
}
