using System.Diagnostics.CodeAnalysis;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace VideoSeg.Models.Network;

/// <summary>
/// GWM's <c>TransformerPredictor</c> (<c>transformer/transformer_predictor.py</c>) without the class head
/// (<c>mask_classification = False</c>): res5 → <c>input_proj</c> (1×1, only when its width differs from the hidden dim) with
/// a sine position encoding → <c>transformer</c> → <c>mask_embed</c> of the last decoder state, and
/// masks = einsum("bqc,bchw->bqhw", mask_embed, mask_features).
/// With K ≠ 2 GWM also builds <c>mask_querie_comb</c> (1×1 K→K + ReLU, 5×5 K→2 + ReLU); it only runs with deep supervision,
/// which GWM's config turns off, so it is kept for checkpoint compatibility and never used in <see cref="forward"/>.
/// </summary>
[SuppressMessage("Style", "IDE1006", Justification = "Field names are GWM's PyTorch state-dict keys, set via ComponentName.")]
public sealed class TransformerPredictor : nn.Module<Tensor, Tensor, Tensor>
{
    [ComponentName(Name = "transformer")]
    private readonly MaskFormerTransformer _transformer;

    [ComponentName(Name = "query_embed")]
    private readonly Embedding _queryEmbed;

    [ComponentName(Name = "input_proj")]
    private readonly NormalizedConv2d? _inputProj;

    [ComponentName(Name = "mask_embed")]
    private readonly MaskEmbedMlp _maskEmbed;

    [ComponentName(Name = "mask_querie_comb")]
    private readonly Sequential? _maskQuerieComb;

    private readonly int _hiddenDim;

    /// <summary>Builds the predictor.</summary>
    /// <param name="inChannels">Channels of res5.</param>
    /// <param name="options">Hidden dim, heads, decoder layers, FFN, dropout, queries and mask dim.</param>
    public TransformerPredictor(int inChannels, GwmNetworkOptions options)
        : base(nameof(TransformerPredictor))
    {
        _hiddenDim = options.HiddenDim;
        _transformer = new MaskFormerTransformer(options.DecoderLayers, options.HiddenDim, options.Heads, options.FeedForwardDim, options.Dropout);
        _queryEmbed = nn.Embedding(options.Queries, options.HiddenDim);
        using (no_grad())
        {
            nn.init.normal_(_queryEmbed.weight!);
        }

        // enforce_input_project is False in GWM: a 1×1 projection exists only when the widths differ.
        if (inChannels != options.HiddenDim)
        {
            _inputProj = new NormalizedConv2d(inChannels, options.HiddenDim, 1, 1, 0, bias: true, norm: null, relu: false);
            _inputProj.C2XavierFill();
        }

        _maskEmbed = new MaskEmbedMlp(options.HiddenDim, options.HiddenDim, options.MaskDim, 3);
        if (options.Queries != 2)
        {
            _maskQuerieComb = nn.Sequential(
                ("0", new NormalizedConv2d(options.Queries, options.Queries, 1, 1, 0, bias: true, norm: null, relu: true)),
                ("1", new NormalizedConv2d(options.Queries, 2, 5, 1, 0, bias: true, norm: null, relu: true)));
        }

        RegisterComponents();
    }

    /// <summary>Predicts K mask logits per pixel.</summary>
    /// <param name="features">res5, B × C × h × w.</param>
    /// <param name="maskFeatures">The pixel decoder's output, B × maskDim × H × W.</param>
    /// <returns>Mask logits, B × K × H × W.</returns>
    public override Tensor forward(Tensor features, Tensor maskFeatures)
    {
        Tensor position = PositionEmbeddingSine.Encode(features.shape[0], features.shape[2], features.shape[3], _hiddenDim / 2, features.device);
        Tensor source = _inputProj is null ? features : _inputProj.call(features);
        Tensor states = _transformer.call(source, _queryEmbed.weight!, position);
        Tensor maskEmbed = _maskEmbed.call(states);
        return einsum("bqc,bchw->bqhw", maskEmbed, maskFeatures);
    }
}
