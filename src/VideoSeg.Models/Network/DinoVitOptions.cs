using System.Collections.Generic;

namespace VideoSeg.Models.Network;

/// <summary>Shape of a DINO vision transformer as GWM uses it (<c>src/mask_former/modeling/backbone/vit.py</c>).</summary>
public sealed record DinoVitOptions
{
    /// <summary>DINO ViT-B/8 with GWM's patch stride 4 and the key facets of blocks 5, 7, 9 and 11.</summary>
    public static DinoVitOptions VitB8 { get; } = new();

    /// <summary>
    /// DINO ViT-S/8 (<c>dino_deitsmall8_pretrain.pth</c>: 384 wide, 6 heads of 64, 12 blocks) at stride 4, as GWM's
    /// evaluation-time <c>MaskMerger</c> uses it (<c>ViTExtractor('dino_vits8')</c>, stride 4 by default).
    /// </summary>
    public static DinoVitOptions VitS8 { get; } = new() { EmbedDim = 384, Heads = 6 };

    /// <summary>Token width (768 for ViT-B).</summary>
    public int EmbedDim { get; init; } = 768;

    /// <summary>Number of transformer blocks (12).</summary>
    public int Depth { get; init; } = 12;

    /// <summary>Attention heads per block (12, so the key facet has 12 × 64 = 768 channels).</summary>
    public int Heads { get; init; } = 12;

    /// <summary>Patch size of the patch-embedding convolution (8).</summary>
    public int PatchSize { get; init; } = 8;

    /// <summary>Stride GWM gives the patch-embedding convolution (4 instead of 8), doubling the grid.</summary>
    public int PatchStride { get; init; } = 4;

    /// <summary>Side of the square grid the position embeddings were trained on (224 / 8 = 28).</summary>
    public int PretrainGridSize { get; init; } = 28;

    /// <summary>Hidden width of each block's MLP relative to <see cref="EmbedDim"/> (4).</summary>
    public int MlpRatio { get; init; } = 4;

    /// <summary>Blocks whose key facets become res2..res5, in that order.</summary>
    public IReadOnlyList<int> KeyBlocks { get; init; } = [5, 7, 9, 11];

    /// <summary>Epsilon of DINO's LayerNorms (1e-6).</summary>
    public double LayerNormEpsilon { get; init; } = 1e-6;
}
