using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace VideoSeg.Models.Raft;

/// <summary>
/// RAFT's <c>BasicUpdateBlock</c> (<c>core/update.py</c>): <see cref="RaftBasicMotionEncoder"/>, a
/// <see cref="RaftSepConvGru"/> over the context and motion features, the flow head, and the mask head
/// (3×3 → 256, ReLU, 1×1 → 8·8·9) whose output is scaled by 0.25 as RAFT does "to balance gradients".
/// </summary>
public sealed class RaftBasicUpdateBlock : RaftUpdateBlock
{
    [ComponentName(Name = "encoder")]
    private readonly RaftBasicMotionEncoder _encoder;

    [ComponentName(Name = "gru")]
    private readonly RaftSepConvGru _gru;

    [ComponentName(Name = "flow_head")]
    private readonly RaftFlowHead _flowHead;

    [ComponentName(Name = "mask")]
    private readonly Sequential _mask;

    /// <summary>Creates the block.</summary>
    /// <param name="correlationPlanes">Channels of the correlation lookup.</param>
    /// <param name="hiddenDim">Channels of the hidden state (128).</param>
    public RaftBasicUpdateBlock(long correlationPlanes, long hiddenDim)
        : base(nameof(RaftBasicUpdateBlock))
    {
        _encoder = new RaftBasicMotionEncoder(correlationPlanes);
        _gru = new RaftSepConvGru(hiddenDim, 128 + hiddenDim);
        _flowHead = new RaftFlowHead(hiddenDim, 256);
        _mask = nn.Sequential(nn.Conv2d(128, 256, 3, padding: 1), nn.ReLU(), nn.Conv2d(256, 64 * 9, 1));
        RegisterComponents();
    }

    /// <inheritdoc />
    public override RaftUpdate Iterate(Tensor hidden, Tensor context, Tensor correlation, Tensor flow, bool withMask)
    {
        Tensor motion = _encoder.call(flow, correlation);
        Tensor next = _gru.call(hidden, cat([context, motion], 1));
        Tensor delta = _flowHead.call(next);
        Tensor? mask = withMask ? _mask.call(next).mul_(0.25) : null;
        return new RaftUpdate(next, mask, delta);
    }
}
