using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using TorchSharp.Modules;
using TorchSharp.Utils;
using VideoSeg.Core;
using static TorchSharp.torch;

namespace VideoSeg.Models.Network;

/// <summary>
/// GWM's <c>D2ViTTransformer</c>: DINO's ViT (<c>facebookresearch/dino</c> <c>vision_transformer.py</c>) with the
/// patch-embedding stride lowered to <see cref="DinoVitOptions.PatchStride"/>, position embeddings interpolated bicubically
/// to the finer grid (GWM's <c>interpolate_pos_encoding</c>, scale factor (grid + 0.1) / 28), and the key facets of four
/// blocks returned as res2..res5 with the CLS token dropped: each B × 768 × 31 × 55 for a 128×224 input, channel
/// index headDim·heads + head (GWM's <c>'b c h t d -> b c t (d h)'</c>). It is frozen: parameters never require
/// gradients and the forward runs under <c>no_grad</c>. State-dict keys are DINO's (<c>cls_token</c>, <c>pos_embed</c>,
/// <c>patch_embed.proj</c>, <c>blocks.{i}.*</c>, <c>norm</c>), so DINO's checkpoint loads directly.
/// </summary>
[SuppressMessage("Style", "IDE1006", Justification = "Field names are DINO's state-dict keys, set via ComponentName.")]
public sealed class DinoVitBackbone : GwmBackbone
{
    [ComponentName(Name = "cls_token")]
    private readonly Parameter _clsToken;

    [ComponentName(Name = "pos_embed")]
    private readonly Parameter _posEmbed;

    [ComponentName(Name = "patch_embed")]
    private readonly VitPatchEmbedding _patchEmbed;

    [ComponentName(Name = "blocks")]
    private readonly ModuleList<VitBlock> _blocks;

    [ComponentName(Name = "norm")]
    private readonly LayerNorm _norm;

    private readonly DinoVitOptions _options;
    private readonly int[] _channels;

    /// <summary>Builds the ViT with DINO's initialisation (truncated normal, std 0.02); load DINO's weights afterwards.</summary>
    /// <param name="options">The ViT's shape.</param>
    public DinoVitBackbone(DinoVitOptions options)
        : base(nameof(DinoVitBackbone))
    {
        _options = options;
        int dim = options.EmbedDim;
        _clsToken = new Parameter(zeros(1, 1, dim));
        _posEmbed = new Parameter(zeros(1, 1 + (options.PretrainGridSize * options.PretrainGridSize), dim));
        _patchEmbed = new VitPatchEmbedding(dim, options.PatchSize, options.PatchStride);
        _blocks = nn.ModuleList(Enumerable.Range(0, options.Depth).Select(_ => new VitBlock(dim, options.Heads, options.MlpRatio, options.LayerNormEpsilon)).ToArray());
        _norm = nn.LayerNorm(dim, options.LayerNormEpsilon);
        _channels = [dim, dim, dim, dim];
        RegisterComponents();
        InitialiseLikeDino();
        foreach (Parameter parameter in parameters())
        {
            parameter.requires_grad = false;
        }
    }

    /// <inheritdoc/>
    public override IReadOnlyList<int> OutputChannels => _channels;

    /// <inheritdoc/>
    public override bool IsFrozen => true;

    /// <summary>The ViT's final LayerNorm; it is part of DINO's checkpoint but GWM's features never pass through it.</summary>
    public LayerNorm FinalNorm => _norm;

    /// <summary>The patch grid for an input size: 1 + (side − patch) / stride (31×55 for 128×224 at patch 8, stride 4).</summary>
    /// <param name="height">Input height.</param>
    /// <param name="width">Input width.</param>
    /// <returns>Grid rows and columns.</returns>
    public (int Rows, int Columns) GridSize(int height, int width)
    {
        if (height < _options.PatchSize || width < _options.PatchSize)
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, $"DinoVitBackbone needs inputs of at least {_options.PatchSize}×{_options.PatchSize}, got {height}×{width}.");
        }

        return (1 + ((height - _options.PatchSize) / _options.PatchStride), 1 + ((width - _options.PatchSize) / _options.PatchStride));
    }

    /// <summary>GWM's <c>interpolate_pos_encoding</c>: CLS embedding, then the patch embeddings resized bicubically to the grid.</summary>
    /// <param name="height">Input height.</param>
    /// <param name="width">Input width.</param>
    /// <returns>Position embeddings, 1 × (1 + rows·columns) × C.</returns>
    public Tensor InterpolatePositionEncoding(int height, int width)
    {
        (int rows, int columns) = GridSize(height, width);
        int pretrained = _options.PretrainGridSize;
        if (rows * columns == pretrained * pretrained && height == width)
        {
            return _posEmbed.alias();
        }

        long dim = _posEmbed.shape[2];
        Tensor classPos = _posEmbed[.., 0];
        Tensor patchPos = _posEmbed[.., 1..].reshape(1, pretrained, pretrained, dim).permute(0, 3, 1, 2);

        // DINO adds 0.1 to avoid floor errors, and with recompute_scale_factor=False the sampling uses this exact factor.
        double[] scale = [(rows + 0.1) / pretrained, (columns + 0.1) / pretrained];
        Tensor resized = nn.functional.interpolate(patchPos, scale_factor: scale, mode: InterpolationMode.Bicubic, align_corners: false, recompute_scale_factor: false);
        if (resized.shape[2] != rows || resized.shape[3] != columns)
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, $"Position-embedding interpolation gave {resized.shape[2]}×{resized.shape[3]}, expected {rows}×{columns}.");
        }

        Tensor flat = resized.permute(0, 2, 3, 1).reshape(1, -1, dim);
        return cat([classPos.unsqueeze(0), flat], 1);
    }

    /// <summary>Extracts the key facets of <see cref="DinoVitOptions.KeyBlocks"/> as res2..res5, under <c>no_grad</c>.</summary>
    /// <param name="input">Normalised images, B × 3 × H × W.</param>
    /// <returns>Four maps, each B × EmbedDim × rows × columns.</returns>
    public override Tensor[] forward(Tensor input)
    {
        using var noGrad = no_grad();
        long batch = input.shape[0];
        int height = (int)input.shape[2];
        int width = (int)input.shape[3];
        (int rows, int columns) = GridSize(height, width);

        Tensor tokens = _patchEmbed.call(input);
        tokens = cat([_clsToken.expand(batch, -1, -1), tokens], 1);
        tokens = tokens + InterpolatePositionEncoding(height, width);

        IReadOnlyList<int> keyBlocks = _options.KeyBlocks;
        int lastBlock = keyBlocks.Max();
        var features = new Tensor[keyBlocks.Count];
        for (int block = 0; block <= lastBlock; block++)
        {
            for (int level = 0; level < keyBlocks.Count; level++)
            {
                if (keyBlocks[level] == block)
                {
                    features[level] = KeysToMap(_blocks[block].Keys(tokens), rows, columns);
                }
            }

            // Blocks after the last key facet (and that block's own output) are never needed.
            if (block < lastBlock)
            {
                tokens = _blocks[block].call(tokens);
            }
        }

        return features;
    }

    private static Tensor KeysToMap(Tensor keys, int rows, int columns)
    {
        // keys: B × heads × tokens × headDim → B × tokens × (headDim · heads), GWM's 'b c h t d -> b c t (d h)'.
        long batch = keys.shape[0];
        long tokens = keys.shape[2];
        Tensor flat = keys.permute(0, 2, 3, 1).reshape(batch, tokens, -1);
        return flat[.., 1..].reshape(batch, rows, columns, -1).permute(0, 3, 1, 2).contiguous();
    }

    private void InitialiseLikeDino()
    {
        using var noGrad = no_grad();
        TruncatedNormal(_posEmbed, 0.02);
        TruncatedNormal(_clsToken, 0.02);
        foreach (var (_, module) in named_modules())
        {
            if (module is Linear linear)
            {
                TruncatedNormal(linear.weight!, 0.02);
                if (linear.bias is not null)
                {
                    nn.init.zeros_(linear.bias);
                }
            }
        }
    }

    /// <summary>
    /// PyTorch's <c>nn.init.trunc_normal_(target, std=std)</c> (cut at ±2 in absolute units, as DINO calls it): inverse-CDF
    /// sampling of the truncated normal. TorchSharp 0.107's <c>nn.init.trunc_normal_</c> fills the tensor with one value,
    /// which made every ViT weight equal and blew the untrained ViT's activations up to NaN.
    /// </summary>
    private static void TruncatedNormal(Tensor target, double std, double low = -2, double high = 2)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor bounds = special.erf(tensor(new[] { low / std / Math.Sqrt(2), high / std / Math.Sqrt(2) }, dtype: ScalarType.Float64));
        double lowCdf = (1 + bounds[0].item<double>()) / 2;
        double highCdf = (1 + bounds[1].item<double>()) / 2;
        target.uniform_((2 * lowCdf) - 1, (2 * highCdf) - 1);
        target.erfinv_();
        target.mul_(std * Math.Sqrt(2));
        target.clamp_(low, high);
    }
}
