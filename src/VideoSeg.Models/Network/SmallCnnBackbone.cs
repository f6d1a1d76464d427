using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using TorchSharp.Utils;
using VideoSeg.Core;
using static TorchSharp.torch;

namespace VideoSeg.Models.Network;

/// <summary>
/// A small convolutional backbone trained from scratch, the CPU stand-in for GWM's DINO ViT. It returns four maps at
/// strides 4, 8, 16 and 32 (a ResNet-like pyramid) rather than the ViT's four maps on one stride-4 grid: the coarser
/// levels are cheaper on a CPU and give the transformer a short memory (4×7 tokens at 128×224). The pixel decoder
/// handles either layout because it upsamples each coarser level to the next one's size.
/// Each stage is 3×3 conv + GroupNorm + ReLU (stride 2 where the resolution halves), then a second such conv.
/// </summary>
[SuppressMessage("Style", "IDE1006", Justification = "Component names are kept short and PyTorch-like for the state dict.")]
public sealed class SmallCnnBackbone : GwmBackbone
{
    [ComponentName(Name = "stem")]
    private readonly NormalizedConv2d _stem;

    [ComponentName(Name = "res2_down")]
    private readonly NormalizedConv2d _res2Down;

    [ComponentName(Name = "res2")]
    private readonly NormalizedConv2d _res2;

    [ComponentName(Name = "res3_down")]
    private readonly NormalizedConv2d _res3Down;

    [ComponentName(Name = "res3")]
    private readonly NormalizedConv2d _res3;

    [ComponentName(Name = "res4_down")]
    private readonly NormalizedConv2d _res4Down;

    [ComponentName(Name = "res4")]
    private readonly NormalizedConv2d _res4;

    [ComponentName(Name = "res5_down")]
    private readonly NormalizedConv2d _res5Down;

    [ComponentName(Name = "res5")]
    private readonly NormalizedConv2d _res5;

    private readonly int[] _channels;

    /// <summary>Builds the backbone.</summary>
    /// <param name="channels">Widths of res2..res5; each must be divisible by <paramref name="groupNormGroups"/>.</param>
    /// <param name="groupNormGroups">GroupNorm groups.</param>
    public SmallCnnBackbone(IReadOnlyList<int> channels, int groupNormGroups)
        : base(nameof(SmallCnnBackbone))
    {
        if (channels.Count != 4)
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, $"SmallCnnBackbone needs 4 widths (res2..res5), got {channels.Count}.");
        }

        _channels = [channels[0], channels[1], channels[2], channels[3]];
        _stem = Block(3, _channels[0], 2, groupNormGroups);
        _res2Down = Block(_channels[0], _channels[0], 2, groupNormGroups);
        _res2 = Block(_channels[0], _channels[0], 1, groupNormGroups);
        _res3Down = Block(_channels[0], _channels[1], 2, groupNormGroups);
        _res3 = Block(_channels[1], _channels[1], 1, groupNormGroups);
        _res4Down = Block(_channels[1], _channels[2], 2, groupNormGroups);
        _res4 = Block(_channels[2], _channels[2], 1, groupNormGroups);
        _res5Down = Block(_channels[2], _channels[3], 2, groupNormGroups);
        _res5 = Block(_channels[3], _channels[3], 1, groupNormGroups);
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override IReadOnlyList<int> OutputChannels => _channels;

    /// <inheritdoc/>
    public override bool IsFrozen => false;

    /// <summary>Extracts res2..res5 at strides 4, 8, 16 and 32.</summary>
    /// <param name="input">Normalised images, B × 3 × H × W.</param>
    /// <returns>Four feature maps, finest first.</returns>
    public override Tensor[] forward(Tensor input)
    {
        Tensor res2 = _res2.call(_res2Down.call(_stem.call(input)));
        Tensor res3 = _res3.call(_res3Down.call(res2));
        Tensor res4 = _res4.call(_res4Down.call(res3));
        Tensor res5 = _res5.call(_res5Down.call(res4));
        return [res2, res3, res4, res5];
    }

    private static NormalizedConv2d Block(int inChannels, int outChannels, int stride, int groups)
    {
        var conv = new NormalizedConv2d(inChannels, outChannels, 3, stride, 1, bias: false, GroupNorms.Create(groups, outChannels), relu: true);
        conv.C2MsraFill();
        return conv;
    }
}
