using System.Diagnostics.CodeAnalysis;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace VideoSeg.Models.Network;

/// <summary>DINO's block MLP: <c>fc1</c>, exact GELU, <c>fc2</c>.</summary>
[SuppressMessage("Style", "IDE1006", Justification = "Field names are DINO's state-dict keys, set via ComponentName.")]
public sealed class VitMlp : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "fc1")]
    private readonly Linear _fc1;

    [ComponentName(Name = "fc2")]
    private readonly Linear _fc2;

    /// <summary>Creates the MLP.</summary>
    /// <param name="dim">Token width.</param>
    /// <param name="hiddenDim">Hidden width (4 × dim in DINO).</param>
    public VitMlp(int dim, int hiddenDim)
        : base(nameof(VitMlp))
    {
        _fc1 = nn.Linear(dim, hiddenDim);
        _fc2 = nn.Linear(hiddenDim, dim);
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input) => _fc2.call(nn.functional.gelu(_fc1.call(input)));
}
