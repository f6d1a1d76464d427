using System.Diagnostics.CodeAnalysis;
using System.Linq;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace VideoSeg.Models.Network;

/// <summary>DETR's <c>TransformerDecoder</c> without intermediate outputs (GWM: <c>DEEP_SUPERVISION: False</c>): <c>layers</c>, then <c>norm</c>.</summary>
[SuppressMessage("Style", "IDE1006", Justification = "Field names are GWM's PyTorch state-dict keys, set via ComponentName.")]
public sealed class TransformerDecoder : nn.Module<Tensor, Tensor, Tensor, Tensor, Tensor>
{
    [ComponentName(Name = "layers")]
    private readonly ModuleList<TransformerDecoderLayer> _layers;

    [ComponentName(Name = "norm")]
    private readonly LayerNorm _norm;

    /// <summary>Creates the decoder.</summary>
    /// <param name="layers">Number of layers.</param>
    /// <param name="model">Width d_model.</param>
    /// <param name="heads">Attention heads.</param>
    /// <param name="feedForward">FFN width.</param>
    /// <param name="dropout">Dropout probability.</param>
    public TransformerDecoder(int layers, int model, int heads, int feedForward, double dropout)
        : base(nameof(TransformerDecoder))
    {
        _layers = nn.ModuleList(Enumerable.Range(0, layers).Select(_ => new TransformerDecoderLayer(model, heads, feedForward, dropout)).ToArray());
        _norm = nn.LayerNorm(model);
        RegisterComponents();
    }

    /// <summary>Runs every layer, then the final LayerNorm.</summary>
    /// <param name="target">Initial queries' state (zeros), K × B × C.</param>
    /// <param name="memory">Image tokens, HW × B × C.</param>
    /// <param name="position">Position encoding, HW × B × C.</param>
    /// <param name="queryPosition">Query embeddings, K × B × C.</param>
    /// <returns>The last layer's normalised output, K × B × C.</returns>
    public override Tensor forward(Tensor target, Tensor memory, Tensor position, Tensor queryPosition)
    {
        Tensor output = target;
        foreach (TransformerDecoderLayer layer in _layers)
        {
            output = layer.call(output, memory, position, queryPosition);
        }

        return _norm.call(output);
    }
}
