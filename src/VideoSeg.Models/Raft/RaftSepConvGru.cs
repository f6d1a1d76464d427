using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace VideoSeg.Models.Raft;

/// <summary>
/// RAFT's <c>SepConvGRU</c> (<c>core/update.py</c>), the full model's recurrent unit: a GRU step with 1×5 gates
/// (horizontal), then one with 5×1 gates (vertical).
/// </summary>
public sealed class RaftSepConvGru : nn.Module<Tensor, Tensor, Tensor>
{
    [ComponentName(Name = "convz1")]
    private readonly Conv2d _convZ1;

    [ComponentName(Name = "convr1")]
    private readonly Conv2d _convR1;

    [ComponentName(Name = "convq1")]
    private readonly Conv2d _convQ1;

    [ComponentName(Name = "convz2")]
    private readonly Conv2d _convZ2;

    [ComponentName(Name = "convr2")]
    private readonly Conv2d _convR2;

    [ComponentName(Name = "convq2")]
    private readonly Conv2d _convQ2;

    /// <summary>Creates the unit.</summary>
    /// <param name="hiddenDim">Channels of the hidden state.</param>
    /// <param name="inputDim">Channels of the input.</param>
    public RaftSepConvGru(long hiddenDim, long inputDim)
        : base(nameof(RaftSepConvGru))
    {
        long channels = hiddenDim + inputDim;
        _convZ1 = Horizontal(channels, hiddenDim);
        _convR1 = Horizontal(channels, hiddenDim);
        _convQ1 = Horizontal(channels, hiddenDim);
        _convZ2 = Vertical(channels, hiddenDim);
        _convR2 = Vertical(channels, hiddenDim);
        _convQ2 = Vertical(channels, hiddenDim);
        RegisterComponents();
    }

    /// <summary>One horizontal and one vertical update of the hidden state <paramref name="hidden"/> by <paramref name="input"/>.</summary>
    /// <param name="hidden">B × hidden × H × W.</param>
    /// <param name="input">B × input × H × W.</param>
    /// <returns>The new hidden state.</returns>
    public override Tensor forward(Tensor hidden, Tensor input)
    {
        Tensor h = RaftGru.Step(_convZ1, _convR1, _convQ1, hidden, input);
        return RaftGru.Step(_convZ2, _convR2, _convQ2, h, input);
    }

    private static Conv2d Horizontal(long inChannels, long outChannels) => nn.Conv2d(inChannels, outChannels, (1, 5), padding: (0, 2));

    private static Conv2d Vertical(long inChannels, long outChannels) => nn.Conv2d(inChannels, outChannels, (5, 1), padding: (2, 0));
}
