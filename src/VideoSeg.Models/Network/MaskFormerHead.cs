using System.Diagnostics.CodeAnalysis;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace VideoSeg.Models.Network;

/// <summary>MaskFormer's <c>MaskFormerHead</c> (GWM's <c>sem_seg_head</c>): <c>pixel_decoder</c> on res2..res5, <c>predictor</c> on res5.</summary>
[SuppressMessage("Style", "IDE1006", Justification = "Field names are GWM's PyTorch state-dict keys, set via ComponentName.")]
public sealed class MaskFormerHead : nn.Module<Tensor[], Tensor>
{
    [ComponentName(Name = "pixel_decoder")]
    private readonly BigPixelDecoder _pixelDecoder;

    [ComponentName(Name = "predictor")]
    private readonly TransformerPredictor _predictor;

    /// <summary>Builds the head for backbone features of the given widths.</summary>
    /// <param name="featureChannels">Channels of res2..res5.</param>
    /// <param name="options">Head sizes.</param>
    public MaskFormerHead(System.Collections.Generic.IReadOnlyList<int> featureChannels, GwmNetworkOptions options)
        : base(nameof(MaskFormerHead))
    {
        _pixelDecoder = new BigPixelDecoder(featureChannels, options.ConvDim, options.MaskDim, options.GroupNormGroups);
        _predictor = new TransformerPredictor(featureChannels[3], options);
        RegisterComponents();
    }

    /// <summary>The pixel decoder.</summary>
    public BigPixelDecoder PixelDecoder => _pixelDecoder;

    /// <summary>The transformer predictor.</summary>
    public TransformerPredictor Predictor => _predictor;

    /// <summary>Mask logits at the mask-feature resolution (130×226 for GWM's 31×55 grid), before cropping.</summary>
    /// <param name="features">res2..res5.</param>
    /// <returns>B × K × H' × W'.</returns>
    public override Tensor forward(Tensor[] features) => _predictor.call(features[3], _pixelDecoder.call(features));
}
