using System.Diagnostics.CodeAnalysis;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace VideoSeg.Models.Network;

/// <summary>DINO's multi-head self-attention (<c>qkv</c>, <c>proj</c>), which also exposes the key facet GWM reads.</summary>
[SuppressMessage("Style", "IDE1006", Justification = "Field names are DINO's state-dict keys, set via ComponentName.")]
public sealed class VitAttention : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "qkv")]
    private readonly Linear _qkv;

    [ComponentName(Name = "proj")]
    private readonly Linear _proj;

    private readonly int _heads;
    private readonly double _scale;

    /// <summary>Creates the attention.</summary>
    /// <param name="dim">Token width.</param>
    /// <param name="heads">Heads; must divide <paramref name="dim"/>.</param>
    public VitAttention(int dim, int heads)
        : base(nameof(VitAttention))
    {
        _qkv = nn.Linear(dim, dim * 3, hasBias: true);
        _proj = nn.Linear(dim, dim);
        _heads = heads;
        _scale = 1.0 / System.Math.Sqrt(dim / heads);
        RegisterComponents();
    }

    /// <summary>The key facet as GWM's hook computes it: <c>qkv(x)</c> reshaped to B × heads × tokens × headDim, index 1.</summary>
    /// <param name="input">Tokens after <c>norm1</c>, B × N × C.</param>
    /// <returns>Keys, B × heads × N × headDim.</returns>
    public Tensor Keys(Tensor input) => SplitQkv(input)[1];

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        long batch = input.shape[0];
        long tokens = input.shape[1];
        long dim = input.shape[2];
        Tensor qkv = SplitQkv(input);
        Tensor attention = nn.functional.softmax(qkv[0].matmul(qkv[1].transpose(-2, -1)) * _scale, -1);
        Tensor x = attention.matmul(qkv[2]).transpose(1, 2).reshape(batch, tokens, dim);
        return _proj.call(x);
    }

    private Tensor SplitQkv(Tensor input)
    {
        long batch = input.shape[0];
        long tokens = input.shape[1];
        long dim = input.shape[2];
        return _qkv.call(input).reshape(batch, tokens, 3, _heads, dim / _heads).permute(2, 0, 3, 1, 4);
    }
}
