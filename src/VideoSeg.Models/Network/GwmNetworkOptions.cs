using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using VideoSeg.Core;

namespace VideoSeg.Models.Network;

/// <summary>
/// Sizes of GWM's segmentation network (MaskFormer with <c>BigPixelDecoder</c>), from
/// <c>maskformer_R50_bs16_160k_dino.yaml</c> and its bases. The property defaults are GWM's head sizes on a
/// small CNN; use <see cref="GwmDino"/> for checkpoint-compatible sizes and <see cref="CpuSmall"/> to train on a CPU.
/// </summary>
public sealed record GwmNetworkOptions
{
    /// <summary>
    /// GWM's exact network: DINO ViT-B/8 (stride 4) key features of 768 channels on a 31×55 grid, conv and mask dim 256,
    /// hidden 256, 8 heads, 6 post-norm decoder layers, FFN 2048, dropout 0.1, 4 queries, GroupNorm(32).
    /// </summary>
    public static GwmNetworkOptions GwmDino { get; } = new()
    {
        Backbone = GwmBackboneKind.DinoVitB8,
        FeatureChannels = [768, 768, 768, 768],
        Vit = DinoVitOptions.VitB8,
    };

    /// <summary>
    /// A small-width variant for CPU training: a <see cref="SmallCnnBackbone"/> with widths 32/64/96/128 at strides
    /// 4/8/16/32, conv and mask dim 32, hidden 64, 4 heads, FFN 256 and GroupNorm(8), which divides every width.
    /// The layout (6 decoder layers, 4 queries, dropout 0.1, the mask head's shape) is GWM's.
    /// </summary>
    public static GwmNetworkOptions CpuSmall { get; } = new()
    {
        Backbone = GwmBackboneKind.SmallCnn,
        FeatureChannels = [32, 64, 96, 128],
        ConvDim = 32,
        MaskDim = 32,
        HiddenDim = 64,
        Heads = 4,
        FeedForwardDim = 256,
        GroupNormGroups = 8,
    };

    /// <summary>
    /// <see cref="CpuSmall"/>'s head on a frozen, ImageNet-supervised <see cref="ResNet18Backbone"/> (res2..res5 of 64,
    /// 128, 256 and 512 channels at strides 4, 8, 16 and 32, the strides of the small CNN). The pixel mean is 0 and the std
    /// 1, so that the network passes RGB in 0..255 through unchanged and the backbone applies the package's own
    /// preprocessing (BGR, minus the ImageNet mean image) instead of GWM's per-channel normalisation.
    /// </summary>
    public static GwmNetworkOptions CpuResNet18 { get; } = CpuSmall with
    {
        Backbone = GwmBackboneKind.ResNet18,
        FeatureChannels = [64, 128, 256, 512],
        PixelMean = [0, 0, 0],
        PixelStd = [1, 1, 1],
    };

    /// <summary>The feature extractor.</summary>
    public GwmBackboneKind Backbone { get; init; } = GwmBackboneKind.SmallCnn;

    /// <summary>Channels of res2..res5; for the ViT these must all equal <see cref="DinoVitOptions.EmbedDim"/>.</summary>
    public IReadOnlyList<int> FeatureChannels { get; init; } = [64, 128, 256, 256];

    /// <summary>ViT shape, used when <see cref="Backbone"/> is <see cref="GwmBackboneKind.DinoVitB8"/>.</summary>
    public DinoVitOptions Vit { get; init; } = DinoVitOptions.VitB8;

    /// <summary>Width of the pixel decoder's convolutions (<c>SEM_SEG_HEAD.CONVS_DIM</c>, 256).</summary>
    public int ConvDim { get; init; } = 256;

    /// <summary>Channels of the per-pixel mask features (<c>SEM_SEG_HEAD.MASK_DIM</c>, 256).</summary>
    public int MaskDim { get; init; } = 256;

    /// <summary>Transformer width (<c>MASK_FORMER.HIDDEN_DIM</c>, 256).</summary>
    public int HiddenDim { get; init; } = 256;

    /// <summary>Attention heads (<c>MASK_FORMER.NHEADS</c>, 8).</summary>
    public int Heads { get; init; } = 8;

    /// <summary>Post-norm transformer decoder layers (<c>MASK_FORMER.DEC_LAYERS</c>, 6); GWM has no encoder layers.</summary>
    public int DecoderLayers { get; init; } = 6;

    /// <summary>Feed-forward width (<c>MASK_FORMER.DIM_FEEDFORWARD</c>, 2048).</summary>
    public int FeedForwardDim { get; init; } = 2048;

    /// <summary>Transformer dropout (<c>MASK_FORMER.DROPOUT</c>, 0.1).</summary>
    public double Dropout { get; init; } = 0.1;

    /// <summary>Object queries K, the number of masks (4 in GWM's DINO config; 2 in the paper's variant).</summary>
    public int Queries { get; init; } = 4;

    /// <summary>Input height (GWM: 128).</summary>
    public int InputHeight { get; init; } = 128;

    /// <summary>Input width (GWM: 224).</summary>
    public int InputWidth { get; init; } = 224;

    /// <summary>GroupNorm groups of the pixel decoder (GWM: 32); must divide <see cref="ConvDim"/> and, for the CNN, every feature width.</summary>
    public int GroupNormGroups { get; init; } = 32;

    /// <summary>Inputs are zero-padded at the bottom and right to a multiple of this (<c>MASK_FORMER.SIZE_DIVISIBILITY</c>, 32).</summary>
    public int SizeDivisibility { get; init; } = 32;

    /// <summary>Per-channel RGB mean subtracted from 0..255 inputs (<c>MODEL.PIXEL_MEAN</c>).</summary>
    public IReadOnlyList<double> PixelMean { get; init; } = [123.675, 116.28, 103.53];

    /// <summary>Per-channel RGB standard deviation inputs are divided by (<c>MODEL.PIXEL_STD</c>).</summary>
    public IReadOnlyList<double> PixelStd { get; init; } = [58.395, 57.12, 57.375];

    /// <summary>Throws <see cref="VideoSegException"/> (<see cref="ErrorCodes.InvalidArgument"/>) when the sizes cannot form a network.</summary>
    public void Validate()
    {
        Require(FeatureChannels.Count == 4, $"FeatureChannels must list res2..res5 (4 values), got {FeatureChannels.Count}");
        Require(FeatureChannels.All(c => c > 0), "FeatureChannels must be positive");
        Require(ConvDim > 0 && MaskDim > 0 && HiddenDim > 0 && FeedForwardDim > 0, "ConvDim, MaskDim, HiddenDim and FeedForwardDim must be positive");
        Require(GroupNormGroups > 0 && ConvDim % GroupNormGroups == 0, $"GroupNormGroups {GroupNormGroups} must divide ConvDim {ConvDim}");
        Require(Heads > 0 && HiddenDim % Heads == 0, $"Heads {Heads} must divide HiddenDim {HiddenDim}");
        Require(HiddenDim % 2 == 0, $"HiddenDim {HiddenDim} must be even for the sine position encoding");
        Require(DecoderLayers > 0, "DecoderLayers must be positive");
        Require(Queries > 0, "Queries must be positive");
        Require(Dropout is >= 0 and < 1, $"Dropout must lie in [0, 1), got {Dropout.ToString(CultureInfo.InvariantCulture)}");
        Require(InputHeight > 0 && InputWidth > 0 && SizeDivisibility > 0, "InputHeight, InputWidth and SizeDivisibility must be positive");
        Require(PixelMean.Count == 3 && PixelStd.Count == 3 && PixelStd.All(s => s > 0), "PixelMean and PixelStd need 3 values, std positive");
        if (Backbone == GwmBackboneKind.SmallCnn)
        {
            Require(FeatureChannels.All(c => c % GroupNormGroups == 0), $"GroupNormGroups {GroupNormGroups} must divide every feature width of the CNN");
        }
        else if (Backbone == GwmBackboneKind.ResNet18)
        {
            Require(FeatureChannels.SequenceEqual([64, 128, 256, 512]), "FeatureChannels must be ResNet18's 64, 128, 256, 512");
            Require(PixelMean.All(m => m == 0) && PixelStd.All(s => s == 1), "PixelMean must be 0 and PixelStd 1 for ResNet18, which applies the package's own preprocessing");
        }
        else
        {
            Require(Vit.KeyBlocks.Count == 4, "Vit.KeyBlocks must name 4 blocks (res2..res5)");
            Require(Vit.KeyBlocks.All(b => b >= 0 && b < Vit.Depth), "Vit.KeyBlocks must lie in [0, Depth)");
            Require(Vit.EmbedDim % Vit.Heads == 0, "Vit.Heads must divide Vit.EmbedDim");
            Require(Vit.PatchStride > 0 && Vit.PatchSize % Vit.PatchStride == 0, "Vit.PatchStride must divide Vit.PatchSize");
            Require(FeatureChannels.All(c => c == Vit.EmbedDim), $"FeatureChannels must all equal Vit.EmbedDim {Vit.EmbedDim}");
        }
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, $"Invalid GWM network options: {message}.");
        }
    }
}
