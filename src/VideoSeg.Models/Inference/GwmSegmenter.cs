using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using VideoSeg.Core;
using VideoSeg.Core.Imaging;
using VideoSeg.Flow.Warping;
using VideoSeg.Models.Checkpoints;
using VideoSeg.Models.Foreground;
using VideoSeg.Models.Network;
using VideoSeg.Models.Onnx;
using static TorchSharp.torch;

namespace VideoSeg.Models.Inference;

/// <summary>
/// Turns frames into one foreground mask each with a trained GWM-style network, as GWM's evaluation
/// does: K soft masks, merged into two by spectral clustering of mask-pooled features when K &gt; 2,
/// then one of the two picked by a foreground selector. Frames must already be at the network's input
/// size. The pooled features are GWM's DINO ViT-S/8 key features where a <see cref="VitKeyFeatureExtractor"/> is given,
/// otherwise the backbone's stride-8 map.
/// </summary>
public sealed class GwmSegmenter
{
    private readonly GwmNetwork _network;
    private readonly IForegroundSelector _selector;
    private readonly VitKeyFeatureExtractor? _mergeFeatures;

    /// <summary>Segments with <paramref name="network"/> and picks the foreground with <paramref name="selector"/>; K → 2 merging uses the backbone's stride-8 features.</summary>
    public GwmSegmenter(GwmNetwork network, IForegroundSelector selector)
        : this(network, selector, null)
    {
    }

    /// <summary>
    /// As <see cref="GwmSegmenter(GwmNetwork, IForegroundSelector)"/>, with K → 2 merging on <paramref name="mergeFeatures"/>
    /// (GWM's DINO ViT-S/8 key features, <see cref="VitKeyFeatureExtractor.LoadGwmMerger"/>) when given. The segmenter does not own it.
    /// </summary>
    public GwmSegmenter(GwmNetwork network, IForegroundSelector selector, VitKeyFeatureExtractor? mergeFeatures)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(selector);
        _network = network;
        _selector = selector;
        _mergeFeatures = mergeFeatures;
    }

    /// <summary>The selector's name, e.g. "corner-rule" or "oracle-iou".</summary>
    public string SelectorName => _selector.Name;

    /// <summary>
    /// Loads, strictly, a GWM-network checkpoint: the PyTorch-format export of <c>videoseg train</c>
    /// (<c>checkpoint_NNNNNNN.pth</c>, built with <paramref name="exportOptions"/>), or GWM's published
    /// <c>checkpoint_best.pth</c> (recognised by <see cref="GwmCheckpoints.Detect"/>; built at
    /// <see cref="GwmNetworkOptions.GwmDino"/> with the checkpoint's K, its ViT from <paramref name="backboneWeights"/>,
    /// DINO's <c>dino_vitbase8_pretrain.pth</c>). The network's <see cref="GwmNetwork.Options"/> tell which was loaded.
    /// </summary>
    /// <param name="checkpoint">The <c>.pth</c> file.</param>
    /// <param name="exportOptions">The sizes of our trainer's network.</param>
    /// <param name="device">Where the network lives.</param>
    /// <param name="backboneWeights">DINO ViT-B/8 weights, needed for GWM's checkpoints only.</param>
    /// <returns>The network in evaluation mode.</returns>
    public static GwmNetwork LoadNetwork(string checkpoint, GwmNetworkOptions exportOptions, Device device, string? backboneWeights = null) =>
        LoadNetwork(checkpoint, exportOptions, GwmNetworkOptions.GwmDino, device, backboneWeights);

    /// <summary>
    /// <see cref="LoadNetwork(string, GwmNetworkOptions, Device, string?)"/> with the sizes of GWM's network given
    /// (<paramref name="publishedOptions"/>, whose K is replaced by the checkpoint's), e.g. a reduced GWM-layout network.
    /// </summary>
    /// <param name="checkpoint">The <c>.pth</c> file.</param>
    /// <param name="exportOptions">The sizes of our trainer's network.</param>
    /// <param name="publishedOptions">The sizes of a network in GWM's layout.</param>
    /// <param name="device">Where the network lives.</param>
    /// <param name="backboneWeights">DINO ViT weights, for a GWM checkpoint without a backbone.</param>
    /// <returns>The network in evaluation mode.</returns>
    public static GwmNetwork LoadNetwork(string checkpoint, GwmNetworkOptions exportOptions, GwmNetworkOptions publishedOptions, Device device, string? backboneWeights)
    {
        ArgumentNullException.ThrowIfNull(exportOptions);
        ArgumentNullException.ThrowIfNull(publishedOptions);
        CheckpointValue root = GwmCheckpoints.ReadRoot(checkpoint, "model checkpoint");
        IReadOnlyDictionary<string, CheckpointTensor> weights = StateDict.Extract(root, source: checkpoint);
        GwmNetworkOptions options = GwmCheckpoints.Detect(weights) == GwmCheckpointFormat.GwmPublished
            ? publishedOptions with { Queries = GwmCheckpoints.Queries(weights, checkpoint) }
            : exportOptions;
        var network = new GwmNetwork(options, device);
        try
        {
            GwmCheckpoints.Load(network, weights, checkpoint, backboneWeights);
            if (network.Backbone is ResNet18Backbone resNet)
            {
                RestoreResNet18(resNet, GwmCheckpoints.BackboneHash(root), checkpoint);
            }
        }
        catch
        {
            network.Dispose();
            throw;
        }

        network.eval();
        return network;
    }

    // Exports leave the frozen ResNet18 out; the head is only valid on the very weights it was trained on.
    private static void RestoreResNet18(ResNet18Backbone backbone, string? trainedOn, string checkpoint)
    {
        ResNet18Package package = ResNet18Package.Locate();
        string hash = package.ComputeHash();
        if (trainedOn != hash)
        {
            throw new VideoSegException(
                ErrorCodes.BadLayout,
                trainedOn is null
                    ? $"'{checkpoint}' has a ResNet18 network without its backbone and no '{GwmCheckpoints.BackboneHashEntry}' naming the weights it was trained on; retrain it ('videoseg train --force')"
                    : $"'{checkpoint}' was trained on the ResNet18 weights {trainedOn}, but the package at '{package.Root}' holds {hash}; restore that package or retrain ('videoseg train --force')",
                checkpoint);
        }

        package.LoadInto(backbone);
    }

    /// <summary>
    /// One foreground mask per frame. <paramref name="flows"/> (the flow to the next frame, for the motion rule)
    /// and <paramref name="truths"/> (for the oracle) are needed only by the selectors that use them.
    /// </summary>
    public IReadOnlyList<BinaryMask> Segment(
        IReadOnlyList<RgbImage> frames,
        IReadOnlyList<FlowField?>? flows,
        IReadOnlyList<BinaryMask>? truths,
        int batchSize,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frames);
        if (_selector.UsesGroundTruth && truths is null)
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, $"the '{_selector.Name}' selector chooses with the ground truth, which was not given");
        }

        Device device = _network.parameters().First().device;
        var result = new List<BinaryMask>(frames.Count);
        for (int start = 0; start < frames.Count; start += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int count = Math.Min(batchSize, frames.Count - start);
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            Tensor images = FlowTensors.FromImages(frames.Skip(start).Take(count).ToList(), device);
            Tensor probabilities = _network.Predict(images);
            Tensor merged = probabilities.shape[1] == 2 ? probabilities : MaskMerger.Merge(probabilities, Features(images)).Masks;
            for (int b = 0; b < count; b++)
            {
                int frame = start + b;
                FlowField? flow = flows?[frame];
                var candidates = new ForegroundCandidates(
                    merged[b],
                    flow is null ? null : FlowTensors.FromFlowField(flow, device)[0],
                    truths is null ? null : FlowTensors.FromMasks([truths[frame]], device)[0, 0]);
                int chosen = _selector.Select(candidates);
                result.Add(FlowTensors.ToMasks(merged[b].narrow(0, chosen, 1).unsqueeze(0))[0]);
            }
        }

        return result;
    }

    private Tensor Features(Tensor images)
    {
        if (_mergeFeatures is not null)
        {
            return _mergeFeatures.Extract(images);
        }

        Tensor normalised = (images - _network.get_buffer("pixel_mean")!) / _network.get_buffer("pixel_std")!;
        Tensor[] maps = _network.Backbone.call(normalised);
        return maps[Math.Min(1, maps.Length - 1)];
    }
}
