using System.Diagnostics.CodeAnalysis;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace VideoSeg.Models.Network;

/// <summary>
/// MaskFormer's <c>Transformer</c> with GWM's 0 encoder layers: the projected image tokens are the memory unchanged, and the
/// <c>decoder</c> turns K learned query embeddings into K query states. Matrices are Xavier-uniform initialised and the
/// attention biases zero, as PyTorch's <c>_reset_parameters</c> leave them.
/// </summary>
[SuppressMessage("Style", "IDE1006", Justification = "Field names are GWM's PyTorch state-dict keys, set via ComponentName.")]
public sealed class MaskFormerTransformer : nn.Module<Tensor, Tensor, Tensor, Tensor>
{
    [ComponentName(Name = "decoder")]
    private readonly TransformerDecoder _decoder;

    /// <summary>Creates the transformer.</summary>
    /// <param name="decoderLayers">Decoder layers (GWM: 6).</param>
    /// <param name="model">Width d_model.</param>
    /// <param name="heads">Attention heads.</param>
    /// <param name="feedForward">FFN width.</param>
    /// <param name="dropout">Dropout probability.</param>
    public MaskFormerTransformer(int decoderLayers, int model, int heads, int feedForward, double dropout)
        : base(nameof(MaskFormerTransformer))
    {
        _decoder = new TransformerDecoder(decoderLayers, model, heads, feedForward, dropout);
        RegisterComponents();
        using var noGrad = no_grad();
        foreach (var (name, parameter) in named_parameters())
        {
            if (parameter.dim() > 1)
            {
                nn.init.xavier_uniform_(parameter);
            }
            else if (name.EndsWith("in_proj_bias", System.StringComparison.Ordinal) || name.EndsWith("out_proj.bias", System.StringComparison.Ordinal))
            {
                nn.init.zeros_(parameter);
            }
        }
    }

    /// <summary>Decodes the queries against the image.</summary>
    /// <param name="source">Projected features, B × C × H × W.</param>
    /// <param name="queryEmbedding">Learned queries, K × C.</param>
    /// <param name="position">Position encoding, B × C × H × W.</param>
    /// <returns>The last decoder layer's query states, B × K × C (GWM's <c>hs[-1]</c>).</returns>
    public override Tensor forward(Tensor source, Tensor queryEmbedding, Tensor position)
    {
        long batch = source.shape[0];
        Tensor memory = source.flatten(2).permute(2, 0, 1);
        Tensor pos = position.flatten(2).permute(2, 0, 1);
        Tensor queries = queryEmbedding.unsqueeze(1).repeat(1, batch, 1);
        Tensor target = zeros_like(queries);
        return _decoder.call(target, memory, pos, queries).transpose(0, 1);
    }
}
