using System.Diagnostics.CodeAnalysis;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace VideoSeg.Models.Network;

/// <summary>
/// DETR/MaskFormer's post-norm <c>TransformerDecoderLayer</c> (<c>forward_post</c>): self-attention over the queries,
/// cross-attention to the image memory (positions added to queries and keys, not values), then a ReLU FFN, each with
/// dropout, a residual and a LayerNorm. Sequences are (length, batch, channels), as PyTorch's MultiheadAttention expects.
/// </summary>
[SuppressMessage("Style", "IDE1006", Justification = "Field names are GWM's PyTorch state-dict keys, set via ComponentName.")]
public sealed class TransformerDecoderLayer : nn.Module<Tensor, Tensor, Tensor, Tensor, Tensor>
{
    [ComponentName(Name = "self_attn")]
    private readonly MultiheadAttention _selfAttn;

    [ComponentName(Name = "multihead_attn")]
    private readonly MultiheadAttention _multiheadAttn;

    [ComponentName(Name = "linear1")]
    private readonly Linear _linear1;

    [ComponentName(Name = "dropout")]
    private readonly Dropout _dropout;

    [ComponentName(Name = "linear2")]
    private readonly Linear _linear2;

    [ComponentName(Name = "norm1")]
    private readonly LayerNorm _norm1;

    [ComponentName(Name = "norm2")]
    private readonly LayerNorm _norm2;

    [ComponentName(Name = "norm3")]
    private readonly LayerNorm _norm3;

    [ComponentName(Name = "dropout1")]
    private readonly Dropout _dropout1;

    [ComponentName(Name = "dropout2")]
    private readonly Dropout _dropout2;

    [ComponentName(Name = "dropout3")]
    private readonly Dropout _dropout3;

    /// <summary>Creates the layer.</summary>
    /// <param name="model">Width d_model.</param>
    /// <param name="heads">Attention heads.</param>
    /// <param name="feedForward">FFN width.</param>
    /// <param name="dropout">Dropout probability (attention weights and residual branches).</param>
    public TransformerDecoderLayer(int model, int heads, int feedForward, double dropout)
        : base(nameof(TransformerDecoderLayer))
    {
        _selfAttn = nn.MultiheadAttention(model, heads, dropout: dropout);
        _multiheadAttn = nn.MultiheadAttention(model, heads, dropout: dropout);
        _linear1 = nn.Linear(model, feedForward);
        _dropout = nn.Dropout(dropout);
        _linear2 = nn.Linear(feedForward, model);
        _norm1 = nn.LayerNorm(model);
        _norm2 = nn.LayerNorm(model);
        _norm3 = nn.LayerNorm(model);
        _dropout1 = nn.Dropout(dropout);
        _dropout2 = nn.Dropout(dropout);
        _dropout3 = nn.Dropout(dropout);
        RegisterComponents();
    }

    /// <summary>One decoder step.</summary>
    /// <param name="target">Queries' state, K × B × C.</param>
    /// <param name="memory">Image tokens, HW × B × C.</param>
    /// <param name="position">Position encoding of the memory, HW × B × C.</param>
    /// <param name="queryPosition">Query embeddings, K × B × C.</param>
    /// <returns>The updated queries' state, K × B × C.</returns>
    public override Tensor forward(Tensor target, Tensor memory, Tensor position, Tensor queryPosition)
    {
        Tensor q = target + queryPosition;
        Tensor target2 = _selfAttn.call(q, q, target, null, false, null).Item1;
        target = _norm1.call(target + _dropout1.call(target2));
        target2 = _multiheadAttn.call(target + queryPosition, memory + position, memory, null, false, null).Item1;
        target = _norm2.call(target + _dropout2.call(target2));
        target2 = _linear2.call(_dropout.call(nn.functional.relu(_linear1.call(target))));
        return _norm3.call(target + _dropout3.call(target2));
    }
}
