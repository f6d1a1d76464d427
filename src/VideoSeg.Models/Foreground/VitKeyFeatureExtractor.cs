using System;
using TorchSharp;
using VideoSeg.Core;
using VideoSeg.Models.Checkpoints;
using VideoSeg.Models.Network;
using static TorchSharp.torch;

namespace VideoSeg.Models.Foreground;

/// <summary>
/// The features GWM's evaluation-time <c>MaskMerger</c> (<c>src/eval_utils.py</c>) pools per mask: DINO ViT-S/8 at
/// stride 4, the <c>key</c> facet of block 11 without log-binning and without the CLS token (channel headDim·heads + head,
/// <c>extract_descriptors(facet='key', layer=11, bin=False)</c>), reshaped to the patch grid and resized bilinearly
/// (<c>align_corners=False</c>) to the image size. Images in 0..255 are divided by 255 and normalised with ImageNet's
/// mean and std, as GWM does before calling the extractor. The ViT is a <see cref="DinoVitBackbone"/> that stops after
/// the block it reads.
/// </summary>
public sealed class VitKeyFeatureExtractor : IDisposable
{
    /// <summary>GWM's merger layer (<c>layer=11</c>).</summary>
    public const int GwmLayer = 11;

    private static readonly float[] s_imageNetMean = [0.485f, 0.456f, 0.406f];
    private static readonly float[] s_imageNetStd = [0.229f, 0.224f, 0.225f];

    private readonly DinoVitBackbone _vit;
    private readonly Tensor _mean;
    private readonly Tensor _std;

    /// <summary>Builds the ViT with DINO's random initialisation; <see cref="Load"/> builds one with published weights.</summary>
    /// <param name="options">The ViT's shape (<see cref="DinoVitOptions.VitS8"/> for GWM's merger); its key blocks are replaced by <paramref name="layer"/>.</param>
    /// <param name="layer">The block whose key facet is read (GWM: 11).</param>
    /// <param name="device">Where the ViT lives; CPU when <see langword="null"/>.</param>
    public VitKeyFeatureExtractor(DinoVitOptions options, int layer, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (layer < 0 || layer >= options.Depth)
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, $"the key layer must lie in [0, {options.Depth}), got {layer}");
        }

        Layer = layer;
        Options = options with { KeyBlocks = [layer, layer, layer, layer] };
        _vit = new DinoVitBackbone(Options);
        _vit.eval();
        device ??= CPU;
        _vit.to(device);
        _mean = tensor(s_imageNetMean, device: device).view(1, 3, 1, 1);
        _std = tensor(s_imageNetStd, device: device).view(1, 3, 1, 1);
    }

    /// <summary>The ViT's shape, with <see cref="DinoVitOptions.KeyBlocks"/> all <see cref="Layer"/>.</summary>
    public DinoVitOptions Options { get; }

    /// <summary>The block whose key facet is returned.</summary>
    public int Layer { get; }

    /// <summary>The ViT, with DINO's parameter names.</summary>
    public DinoVitBackbone Vit => _vit;

    /// <summary>
    /// Builds the extractor and loads, strictly through <see cref="KeyMap.DinoVit"/>, a DINO ViT checkpoint
    /// (<c>dino_deitsmall8_pretrain.pth</c> for <see cref="DinoVitOptions.VitS8"/>).
    /// </summary>
    /// <param name="weights">The <c>.pth</c> file.</param>
    /// <param name="options">The ViT's shape.</param>
    /// <param name="layer">The block whose key facet is read.</param>
    /// <param name="device">Where the ViT lives.</param>
    /// <returns>The extractor.</returns>
    public static VitKeyFeatureExtractor Load(string weights, DinoVitOptions options, int layer, Device device)
    {
        var extractor = new VitKeyFeatureExtractor(options, layer, device);
        try
        {
            StateDictLoader.Load(extractor._vit, GwmCheckpoints.Read(weights, "DINO ViT weights for mask merging"), KeyMap.DinoVit, strict: true, weights);
        }
        catch
        {
            extractor.Dispose();
            throw;
        }

        return extractor;
    }

    /// <summary>GWM's merger features: DINO ViT-S/8 from <c>dino_deitsmall8_pretrain.pth</c>, key facet of block 11.</summary>
    /// <param name="weights">The <c>dino_deitsmall8_pretrain.pth</c> file.</param>
    /// <param name="device">Where the ViT lives.</param>
    /// <returns>The extractor.</returns>
    public static VitKeyFeatureExtractor LoadGwmMerger(string weights, Device device) => Load(weights, DinoVitOptions.VitS8, GwmLayer, device);

    /// <summary>Key features of a batch, under <c>no_grad</c>.</summary>
    /// <param name="images">RGB images with values in 0..255, B × 3 × H × W, on the extractor's device.</param>
    /// <returns>B × EmbedDim × H × W.</returns>
    public Tensor Extract(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.dim() != 4 || images.shape[1] != 3)
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, $"VitKeyFeatureExtractor expects B×3×H×W images, got [{string.Join(", ", images.shape)}].");
        }

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor normalised = ((images.to(ScalarType.Float32) / 255.0) - _mean) / _std;
        Tensor keys = _vit.call(normalised)[0];
        Tensor resized = nn.functional.interpolate(keys, size: [images.shape[2], images.shape[3]], mode: InterpolationMode.Bilinear, align_corners: false);
        return resized.MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _vit.Dispose();
        _mean.Dispose();
        _std.Dispose();
    }
}
