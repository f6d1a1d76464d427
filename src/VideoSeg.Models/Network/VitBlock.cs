using System.Diagnostics.CodeAnalysis;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace VideoSeg.Models.Network;

/// <summary>DINO's pre-norm transformer block: <c>norm1</c>, <c>attn</c>, <c>norm2</c>, <c>mlp</c> (drop-path 0).</summary>
[SuppressMessage("Style", "IDE1006", Justification = "Field names are DINO's state-dict keys, set via ComponentName.")]
public sealed class VitBlock : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "norm1")]
    private readonly LayerNorm _norm1;

    [ComponentName(Name = "attn")]
    private readonly VitAttention _attn;

    [ComponentName(Name = "norm2")]
    private readonly LayerNorm _norm2;

    [ComponentName(Name = "mlp")]
    private readonly VitMlp _mlp;

    /// <summary>Creates the block.</summary>
    /// <param name="dim">Token width.</param>
    /// <param name="heads">Attention heads.</param>
    /// <param name="mlpRatio">MLP hidden width over <paramref name="dim"/>.</param>
    /// <param name="layerNormEpsilon">LayerNorm epsilon (DINO: 1e-6).</param>
    public VitBlock(int dim, int heads, int mlpRatio, double layerNormEpsilon)
        : base(nameof(VitBlock))
    {
        _norm1 = nn.LayerNorm(dim, layerNormEpsilon);
        _attn = new VitAttention(dim, heads);
        _norm2 = nn.LayerNorm(dim, layerNormEpsilon);
        _mlp = new VitMlp(dim, dim * mlpRatio);
        RegisterComponents();
    }

    /// <summary>The key facet of this block's attention for the block's input tokens (what GWM's forward hook records).</summary>
    /// <param name="input">The block's input tokens, B × N × C.</param>
    /// <returns>Keys, B × heads × N × headDim.</returns>
    public Tensor Keys(Tensor input) => _attn.Keys(_norm1.call(input));

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        Tensor x = input + _attn.call(_norm1.call(input));
        return x + _mlp.call(_norm2.call(x));
    }
}
