using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace VideoSeg.Models.Raft;

/// <summary>RAFT's <c>ConvGRU</c> (<c>core/update.py</c>), RAFT-small's recurrent unit: 3×3 convolutional gates.</summary>
public sealed class RaftConvGru : nn.Module<Tensor, Tensor, Tensor>
{
    [ComponentName(Name = "convz")]
    private readonly Conv2d _convZ;

    [ComponentName(Name = "convr")]
    private readonly Conv2d _convR;

    [ComponentName(Name = "convq")]
    private readonly Conv2d _convQ;

    /// <summary>Creates the unit.</summary>
    /// <param name="hiddenDim">Channels of the hidden state.</param>
    /// <param name="inputDim">Channels of the input.</param>
    public RaftConvGru(long hiddenDim, long inputDim)
        : base(nameof(RaftConvGru))
    {
        _convZ = nn.Conv2d(hiddenDim + inputDim, hiddenDim, 3, padding: 1);
        _convR = nn.Conv2d(hiddenDim + inputDim, hiddenDim, 3, padding: 1);
        _convQ = nn.Conv2d(hiddenDim + inputDim, hiddenDim, 3, padding: 1);
        RegisterComponents();
    }

    /// <summary>One update of the hidden state <paramref name="hidden"/> by <paramref name="input"/>.</summary>
    /// <param name="hidden">B × hidden × H × W.</param>
    /// <param name="input">B × input × H × W.</param>
    /// <returns>The new hidden state.</returns>
    public override Tensor forward(Tensor hidden, Tensor input) => RaftGru.Step(_convZ, _convR, _convQ, hidden, input);
}
