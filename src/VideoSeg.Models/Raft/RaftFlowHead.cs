using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace VideoSeg.Models.Raft;

/// <summary>RAFT's <c>FlowHead</c> (<c>core/update.py</c>): 3×3 convolution, ReLU, 3×3 convolution to the 2-channel flow update.</summary>
public sealed class RaftFlowHead : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "conv1")]
    private readonly Conv2d _conv1;

    [ComponentName(Name = "conv2")]
    private readonly Conv2d _conv2;

    /// <summary>Creates the head.</summary>
    /// <param name="inputDim">Channels of the GRU's hidden state.</param>
    /// <param name="hiddenDim">Channels between the two convolutions.</param>
    public RaftFlowHead(long inputDim, long hiddenDim)
        : base(nameof(RaftFlowHead))
    {
        _conv1 = nn.Conv2d(inputDim, hiddenDim, 3, padding: 1);
        _conv2 = nn.Conv2d(hiddenDim, 2, 3, padding: 1);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input) => _conv2.call(F.relu(_conv1.call(input)));
}
