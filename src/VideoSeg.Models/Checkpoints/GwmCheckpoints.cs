using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using VideoSeg.Core;
using VideoSeg.Models.Network;

namespace VideoSeg.Models.Checkpoints;

/// <summary>
/// Recognises and loads the two kinds of GWM-network checkpoints: our trainer's exports and GWM's published
/// <c>checkpoint_best.pth</c>, whose state dict holds only the head (<c>sem_seg_head.*</c>) and <c>criterion.empty_weight</c>:
/// GWM's ViT lives in a plain-Python <c>ViTExtractor</c> and is rebuilt from DINO's <c>dino_vitbase8_pretrain.pth</c>, so
/// loading GWM's weights takes that file as well.
/// </summary>
public static class GwmCheckpoints
{
    /// <summary>Where GWM would keep the ViT's weights, were its extractor a registered module.</summary>
    public const string GwmBackbonePrefix = "backbone.extractor.model.";

    /// <summary>
    /// The export's root entry holding the content hash of a frozen backbone's own weights (<see cref="Onnx.ResNet18Package.ComputeHash"/>)
    /// when the export leaves the backbone out (<see cref="GwmBackbone.IsCheckpointed"/>): the head was trained on those features only.
    /// </summary>
    public const string BackboneHashEntry = "backbone_sha256";

    private const string CriterionPrefix = "criterion.";
    private const string QueryEmbedKey = "sem_seg_head.predictor.query_embed.weight";

    /// <summary>
    /// <see cref="GwmCheckpointFormat.GwmPublished"/> when a key (past a DDP <c>module.</c> prefix) starts with
    /// <c>criterion.</c> or <see cref="GwmBackbonePrefix"/>, neither of which our network has; otherwise our export.
    /// </summary>
    /// <param name="weights">The checkpoint's state dict.</param>
    /// <returns>The checkpoint's format.</returns>
    public static GwmCheckpointFormat Detect(IReadOnlyDictionary<string, CheckpointTensor> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        return weights.Keys.Select(StripModule).Any(k => k.StartsWith(CriterionPrefix, StringComparison.Ordinal) || k.StartsWith(GwmBackbonePrefix, StringComparison.Ordinal))
            ? GwmCheckpointFormat.GwmPublished
            : GwmCheckpointFormat.VideoSegExport;
    }

    /// <summary>The number of object queries K, from the rows of <c>sem_seg_head.predictor.query_embed.weight</c>.</summary>
    /// <param name="weights">The checkpoint's state dict (GWM's or ours; a <c>module.</c> prefix is allowed).</param>
    /// <param name="source">The file, named in the error.</param>
    /// <returns>K.</returns>
    public static int Queries(IReadOnlyDictionary<string, CheckpointTensor> weights, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(weights);
        foreach ((string key, CheckpointTensor tensor) in weights)
        {
            if (StripModule(key) == QueryEmbedKey && tensor.Shape.Length == 2)
            {
                return checked((int)tensor.Shape[0]);
            }
        }

        throw new VideoSegException(ErrorCodes.BadLayout, $"Checkpoint {(source is null ? string.Empty : $"'{source}' ")}has no 2-D '{QueryEmbedKey}', so it is not a GWM network.", source);
    }

    /// <summary>True when the state dict holds the ViT's weights itself (under <see cref="GwmBackbonePrefix"/> or <c>backbone.</c>).</summary>
    /// <param name="weights">A GWM checkpoint's state dict.</param>
    /// <returns>Whether a separate DINO weights file is needed.</returns>
    public static bool HasBackbone(IReadOnlyDictionary<string, CheckpointTensor> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        return weights.Keys.Select(StripModule).Any(k => k.StartsWith("backbone.", StringComparison.Ordinal));
    }

    /// <summary>
    /// GWM's state dict with a DINO ViT checkpoint's weights (mapped by <see cref="KeyMap.DinoVit"/>, so its projection
    /// head is dropped) added under <see cref="GwmBackbonePrefix"/>, as GWM's model would hold them; load the result with
    /// <see cref="KeyMap.Gwm"/>.
    /// </summary>
    /// <param name="gwm">GWM's state dict.</param>
    /// <param name="dino">The ViT's state dict (<c>dino_vitbase8_pretrain.pth</c>).</param>
    /// <param name="checkpoint">GWM's checkpoint file, which an error names.</param>
    /// <returns>One state dict, GWM's entries first.</returns>
    public static IReadOnlyDictionary<string, CheckpointTensor> WithBackbone(IReadOnlyDictionary<string, CheckpointTensor> gwm, IReadOnlyDictionary<string, CheckpointTensor> dino, string? checkpoint = null)
    {
        ArgumentNullException.ThrowIfNull(gwm);
        ArgumentNullException.ThrowIfNull(dino);
        var result = new OrderedDictionary<string, CheckpointTensor>(StringComparer.Ordinal);
        foreach ((string key, CheckpointTensor tensor) in gwm)
        {
            result.Add(key, tensor);
        }

        foreach ((string key, CheckpointTensor tensor) in dino)
        {
            string? name = KeyMap.DinoVit.Apply(key);
            if (name is not null && !result.TryAdd(GwmBackbonePrefix + name, tensor))
            {
                throw new VideoSegException(ErrorCodes.BadLayout, $"The GWM checkpoint {(checkpoint is null ? string.Empty : $"'{checkpoint}' ")}already holds the backbone weight '{GwmBackbonePrefix + name}'; it needs no separate DINO weights file.", checkpoint);
            }
        }

        return result;
    }

    /// <summary>
    /// Loads, strictly, a GWM-network checkpoint into <paramref name="network"/>: our export by name; GWM's through
    /// <see cref="KeyMap.Gwm"/>, with the ViT from <paramref name="backboneWeights"/> when the checkpoint lacks it
    /// (GWM's published ones always do). Any missing, unexpected or misshapen key fails with one error naming them.
    /// </summary>
    /// <param name="network">The network, built with the checkpoint's sizes.</param>
    /// <param name="checkpoint">The <c>.pth</c> file.</param>
    /// <param name="backboneWeights">DINO's ViT weights (<c>dino_vitbase8_pretrain.pth</c>) for a GWM checkpoint without a backbone.</param>
    /// <returns>What was loaded and what was dropped.</returns>
    public static StateDictLoadReport Load(GwmNetwork network, string checkpoint, string? backboneWeights = null) =>
        Load(network, Read(checkpoint, "model checkpoint"), checkpoint, backboneWeights);

    /// <summary><see cref="Load(GwmNetwork, string, string?)"/> for a state dict already read from <paramref name="checkpoint"/>.</summary>
    /// <param name="network">The network, built with the checkpoint's sizes.</param>
    /// <param name="weights">The checkpoint's state dict.</param>
    /// <param name="checkpoint">The file it came from, for errors.</param>
    /// <param name="backboneWeights">DINO's ViT weights for a GWM checkpoint without a backbone.</param>
    /// <returns>What was loaded and what was dropped.</returns>
    public static StateDictLoadReport Load(GwmNetwork network, IReadOnlyDictionary<string, CheckpointTensor> weights, string checkpoint, string? backboneWeights)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(weights);
        if (Detect(weights) == GwmCheckpointFormat.VideoSegExport)
        {
            // A backbone that is not checkpointed is the caller's to restore from its own weights.
            return StateDictLoader.Load(network, network.CheckpointState(), weights, KeyMap.Identity, strict: true, checkpoint);
        }

        if (!HasBackbone(weights))
        {
            if (backboneWeights is null)
            {
                throw new VideoSegException(
                    ErrorCodes.MissingFile,
                    $"'{checkpoint}' is GWM's checkpoint, which holds only the segmentation head: its DINO ViT-B/8 backbone comes from DINO's weights; give dino_vitbase8_pretrain.pth as well (--backbone-weights)",
                    checkpoint);
            }

            weights = WithBackbone(weights, Read(backboneWeights, "DINO backbone weights"), checkpoint);
        }

        return StateDictLoader.Load(network, weights, KeyMap.Gwm, strict: true, backboneWeights is null ? checkpoint : $"{checkpoint}' + '{backboneWeights}");
    }

    /// <summary>Reads a checkpoint's state dict (under <c>model</c>, <c>state_dict</c> or <c>teacher</c>, or the root), naming a missing file.</summary>
    /// <param name="path">The <c>.pth</c> file.</param>
    /// <param name="what">What the file is, for the error.</param>
    /// <returns>The flattened state dict.</returns>
    public static IReadOnlyDictionary<string, CheckpointTensor> Read(string path, string what) =>
        StateDict.Extract(ReadRoot(path, what), source: path);

    /// <summary>Reads a checkpoint's whole pickled root, naming a missing file.</summary>
    /// <param name="path">The <c>.pth</c> file.</param>
    /// <param name="what">What the file is, for the error.</param>
    /// <returns>The root object: for our exports, a dict of <c>model</c>, <c>iteration</c> and <see cref="BackboneHashEntry"/>.</returns>
    public static CheckpointValue ReadRoot(string path, string what)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new VideoSegException(ErrorCodes.MissingFile, $"{what} not found: expected a .pth file at '{path}'", path);
        }

        return PyTorchCheckpoint.Load(path);
    }

    /// <summary>The export's <see cref="BackboneHashEntry"/>, or null when it has none.</summary>
    /// <param name="root">A checkpoint's root (<see cref="ReadRoot"/>).</param>
    /// <returns>The hash of the backbone's weights the export was trained on.</returns>
    public static string? BackboneHash(CheckpointValue root) =>
        root is CheckpointDict dict && dict.TryGetValue(BackboneHashEntry, out CheckpointValue value) && value is CheckpointString text ? text.Value : null;

    private static string StripModule(string key) => key.StartsWith("module.", StringComparison.Ordinal) ? key["module.".Length..] : key;
}
