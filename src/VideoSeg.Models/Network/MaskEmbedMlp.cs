using System.Diagnostics.CodeAnalysis;
using System.Linq;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace VideoSeg.Models.Network;

/// <summary>MaskFormer's <c>MLP</c>: <c>layers.{i}</c> linear layers with ReLU between them (256→256→256→256 in GWM).</summary>
[SuppressMessage("Style", "IDE1006", Justification = "Field names are GWM's PyTorch state-dict keys, set via ComponentName.")]
public sealed class MaskEmbedMlp : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "layers")]
    private readonly ModuleList<Linear> _layers;

    /// <summary>Creates the MLP.</summary>
    /// <param name="inputDim">Input width.</param>
    /// <param name="hiddenDim">Hidden width.</param>
    /// <param name="outputDim">Output width.</param>
    /// <param name="layers">Number of linear layers (GWM: 3).</param>
    public MaskEmbedMlp(int inputDim, int hiddenDim, int outputDim, int layers)
        : base(nameof(MaskEmbedMlp))
    {
        int[] inputs = [inputDim, .. Enumerable.Repeat(hiddenDim, layers - 1)];
        int[] outputs = [.. Enumerable.Repeat(hiddenDim, layers - 1), outputDim];
        _layers = nn.ModuleList(inputs.Zip(outputs, (n, k) => nn.Linear(n, k)).ToArray());
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        Tensor x = input;
        for (int i = 0; i < _layers.Count; i++)
        {
            x = _layers[i].call(x);
            if (i < _layers.Count - 1)
            {
                x = nn.functional.relu(x);
            }
        }

        return x;
    }
}
