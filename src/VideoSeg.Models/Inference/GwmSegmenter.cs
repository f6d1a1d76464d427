using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using VideoSeg.Core;
using VideoSeg.Core.Imaging;
using VideoSeg.Flow.Warping;
using VideoSeg.Models.Checkpoints;
using VideoSeg.Models.Foreground;
using VideoSeg.Models.Network;
using static TorchSharp.torch;

namespace VideoSeg.Models.Inference;

/// <summary>
/// Turns frames into one foreground mask each with a trained GWM-style network, as GWM's evaluation
/// does: K soft masks, merged into two by spectral clustering of mask-pooled features when K &gt; 2,
/// then one of the two picked by a foreground selector. Frames must already be at the network's input
/// size. Without ViT-S/8 weights the pooled features are the backbone's stride-8 map (GWM's fallback).
/// </summary>
public sealed class GwmSegmenter
{
    private readonly GwmNetwork _network;
    private readonly IForegroundSelector _selector;

    /// <summary>Segments with <paramref name="network"/> and picks the foreground with <paramref name="selector"/>.</summary>
    public GwmSegmenter(GwmNetwork network, IForegroundSelector selector)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(selector);
        _network = network;
        _selector = selector;
    }

    /// <summary>The selector's name, e.g. "corner-rule" or "oracle-iou".</summary>
    public string SelectorName => _selector.Name;

    /// <summary>
    /// Builds a network with <paramref name="options"/> and loads, strictly, the PyTorch-format checkpoint the
    /// trainer exported (<c>checkpoint_NNNNNNN.pth</c>) or any checkpoint with the same parameter names.
    /// </summary>
    public static GwmNetwork LoadNetwork(string checkpoint, GwmNetworkOptions options, Device device)
    {
        if (!File.Exists(checkpoint))
        {
            throw new VideoSegException(ErrorCodes.MissingFile, $"model checkpoint not found: expected a .pth file at '{checkpoint}' (run 'videoseg train')", checkpoint);
        }

        var network = new GwmNetwork(options, device);
        StateDictLoader.Load(network, StateDict.Extract(PyTorchCheckpoint.Load(checkpoint)), KeyMap.Identity, strict: true, checkpoint);
        network.eval();
        return network;
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
        Tensor normalised = (images - _network.get_buffer("pixel_mean")!) / _network.get_buffer("pixel_std")!;
        Tensor[] maps = _network.Backbone.call(normalised);
        return maps[Math.Min(1, maps.Length - 1)];
    }
}
