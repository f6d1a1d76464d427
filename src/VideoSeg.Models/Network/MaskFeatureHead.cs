using System.Diagnostics.CodeAnalysis;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace VideoSeg.Models.Network;

/// <summary>
/// GWM's <c>mask_features</c> <c>nn.Sequential</c> in <see cref="BigPixelDecoder"/>: conv3×3 → ×2 nearest → conv1×1 (padding 1)
/// → conv3×3 → ×2 nearest → conv1×1 (padding 1) → conv3×3 with bias, children named <c>0</c>…<c>6</c> as PyTorch names them.
/// Convolutions 0, 2, 3 and 5 use the GroupNorm passed in (layer_4's in GWM). A plain module rather than TorchSharp's
/// <c>Sequential</c>, whose state dict lists a shared module only once, unlike PyTorch's.
/// </summary>
[SuppressMessage("Style", "IDE1006", Justification = "Field names are GWM's nn.Sequential indices, set via ComponentName.")]
public sealed class MaskFeatureHead : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "0")]
    private readonly NormalizedConv2d _conv0;

    [ComponentName(Name = "1")]
    private readonly Upsample _upsample1;

    [ComponentName(Name = "2")]
    private readonly NormalizedConv2d _conv2;

    [ComponentName(Name = "3")]
    private readonly NormalizedConv2d _conv3;

    [ComponentName(Name = "4")]
    private readonly Upsample _upsample4;

    [ComponentName(Name = "5")]
    private readonly NormalizedConv2d _conv5;

    [ComponentName(Name = "6")]
    private readonly NormalizedConv2d _conv6;

    /// <summary>Builds the head. GWM's xavier loop over it matches names against 'Conv2d', which never matches
    /// ('0', '2', …), so the convolutions keep PyTorch's default initialisation.</summary>
    /// <param name="convDim">Width of the intermediate convolutions.</param>
    /// <param name="maskDim">Output channels.</param>
    /// <param name="sharedNorm">The GroupNorm of convolutions 0, 2, 3 and 5.</param>
    public MaskFeatureHead(int convDim, int maskDim, nn.Module<Tensor, Tensor> sharedNorm)
        : base(nameof(MaskFeatureHead))
    {
        _conv0 = new NormalizedConv2d(convDim, convDim, 3, 1, 1, bias: false, sharedNorm, relu: true);
        _upsample1 = nn.Upsample(scale_factor: [2.0, 2.0], mode: UpsampleMode.Nearest);
        _conv2 = new NormalizedConv2d(convDim, convDim, 1, 1, 1, bias: false, sharedNorm, relu: true);
        _conv3 = new NormalizedConv2d(convDim, convDim, 3, 1, 1, bias: false, sharedNorm, relu: true);
        _upsample4 = nn.Upsample(scale_factor: [2.0, 2.0], mode: UpsampleMode.Nearest);
        _conv5 = new NormalizedConv2d(convDim, convDim, 1, 1, 1, bias: false, sharedNorm, relu: true);
        _conv6 = new NormalizedConv2d(convDim, maskDim, 3, 1, 1, bias: true, norm: null, relu: false);
        RegisterComponents();
    }

    /// <summary>Upsamples ×4 with two extra pixels per side from each 1×1 padding: h × w → (4h + 6) × (4w + 6).</summary>
    /// <param name="input">The FPN output, B × convDim × h × w.</param>
    /// <returns>Mask features, B × maskDim × (4h + 6) × (4w + 6).</returns>
    public override Tensor forward(Tensor input)
    {
        Tensor x = _upsample1.call(_conv0.call(input));
        x = _upsample4.call(_conv3.call(_conv2.call(x)));
        return _conv6.call(_conv5.call(x));
    }
}
