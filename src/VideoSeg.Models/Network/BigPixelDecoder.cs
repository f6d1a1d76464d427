using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using TorchSharp.Modules;
using TorchSharp.Utils;
using VideoSeg.Core;
using static TorchSharp.torch;

namespace VideoSeg.Models.Network;

/// <summary>
/// GWM's <c>BigPixelDecoder</c> (<c>src/mask_former/modeling/heads/big_pixel_decoder.py</c>): an FPN over res2..res5
/// followed by the <c>mask_features</c> head that upsamples ×4 (31×55 → 130×226 for GWM's ViT grid).
/// As in GWM, one GroupNorm object (layer_4's) also normalises <c>mask_features</c> convolutions 0, 2, 3 and 5, so
/// those five places share (tie) one weight and bias and the state dict lists them under every name, as PyTorch does.
/// </summary>
[SuppressMessage("Style", "IDE1006", Justification = "Field names are GWM's PyTorch state-dict keys, set via ComponentName.")]
public sealed class BigPixelDecoder : nn.Module<Tensor[], Tensor>
{
    [ComponentName(Name = "adapter_1")]
    private readonly NormalizedConv2d _adapter1;

    [ComponentName(Name = "layer_1")]
    private readonly NormalizedConv2d _layer1;

    [ComponentName(Name = "adapter_2")]
    private readonly NormalizedConv2d _adapter2;

    [ComponentName(Name = "layer_2")]
    private readonly NormalizedConv2d _layer2;

    [ComponentName(Name = "adapter_3")]
    private readonly NormalizedConv2d _adapter3;

    [ComponentName(Name = "layer_3")]
    private readonly NormalizedConv2d _layer3;

    [ComponentName(Name = "layer_4")]
    private readonly NormalizedConv2d _layer4;

    [ComponentName(Name = "mask_features")]
    private readonly MaskFeatureHead _maskFeatures;

    /// <summary>Builds the decoder.</summary>
    /// <param name="featureChannels">Channels of res2..res5.</param>
    /// <param name="convDim">Width of every intermediate convolution (GWM: 256).</param>
    /// <param name="maskDim">Channels of the output mask features (GWM: 256).</param>
    /// <param name="groupNormGroups">GroupNorm groups (GWM: 32).</param>
    public BigPixelDecoder(IReadOnlyList<int> featureChannels, int convDim, int maskDim, int groupNormGroups)
        : base(nameof(BigPixelDecoder))
    {
        if (featureChannels.Count != 4)
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, $"BigPixelDecoder needs 4 feature levels (res2..res5), got {featureChannels.Count}.");
        }

        // detectron2 drops the conv bias whenever a norm follows (use_bias = norm == "").
        _adapter1 = Lateral(featureChannels[0], convDim, groupNormGroups);
        _layer1 = Output(convDim, convDim, groupNormGroups);
        _adapter2 = Lateral(featureChannels[1], convDim, groupNormGroups);
        _layer2 = Output(convDim, convDim, groupNormGroups);
        _adapter3 = Lateral(featureChannels[2], convDim, groupNormGroups);
        _layer3 = Output(convDim, convDim, groupNormGroups);

        // GWM's loop leaves `output_norm` bound to layer_4's norm, and mask_features reuses that object.
        // Not kept in a field of its own: RegisterComponents would list it under a fourth, non-GWM name.
        GroupNorm sharedNorm = GroupNorms.Create(groupNormGroups, convDim);
        _layer4 = new NormalizedConv2d(featureChannels[3], convDim, 3, 1, 1, bias: false, sharedNorm, relu: true);
        _layer4.C2XavierFill();

        _maskFeatures = new MaskFeatureHead(convDim, maskDim, sharedNorm);
        RegisterComponents();
    }

    /// <summary>The GroupNorm shared by layer_4 and mask_features convolutions 0, 2, 3 and 5.</summary>
    public GroupNorm SharedNorm => (GroupNorm)_layer4.Norm!;

    /// <summary>Top-down FPN over res5 → res2, then the mask-features head.</summary>
    /// <param name="features">res2, res3, res4, res5 (B × C_i × H_i × W_i, coarsest last).</param>
    /// <returns>Mask features, B × maskDim × (4·H₂ + 6) × (4·W₂ + 6) (130×226 from 31×55).</returns>
    public override Tensor forward(Tensor[] features)
    {
        Tensor y = _layer4.call(features[3]);
        y = TopDown(_adapter3, _layer3, features[2], y);
        y = TopDown(_adapter2, _layer2, features[1], y);
        y = TopDown(_adapter1, _layer1, features[0], y);
        return _maskFeatures.call(y);
    }

    private static Tensor TopDown(NormalizedConv2d adapter, NormalizedConv2d layer, Tensor feature, Tensor coarser)
    {
        Tensor lateral = adapter.call(feature);
        Tensor upsampled = nn.functional.interpolate(coarser, size: [lateral.shape[2], lateral.shape[3]], mode: InterpolationMode.Nearest);
        return layer.call(lateral + upsampled);
    }

    private static NormalizedConv2d Lateral(int inChannels, int convDim, int groups)
    {
        var conv = new NormalizedConv2d(inChannels, convDim, 1, 1, 0, bias: false, GroupNorms.Create(groups, convDim), relu: false);
        conv.C2XavierFill();
        return conv;
    }

    private static NormalizedConv2d Output(int inChannels, int convDim, int groups)
    {
        var conv = new NormalizedConv2d(inChannels, convDim, 3, 1, 1, bias: false, GroupNorms.Create(groups, convDim), relu: true);
        conv.C2XavierFill();
        return conv;
    }
}
