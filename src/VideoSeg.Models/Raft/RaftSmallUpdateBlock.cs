using TorchSharp.Utils;
using static TorchSharp.torch;

namespace VideoSeg.Models.Raft;

/// <summary>
/// RAFT's <c>SmallUpdateBlock</c> (<c>core/update.py</c>): <see cref="RaftSmallMotionEncoder"/>, a
/// <see cref="RaftConvGru"/> over the context and motion features, and the flow head; no upsampling mask.
/// </summary>
public sealed class RaftSmallUpdateBlock : RaftUpdateBlock
{
    [ComponentName(Name = "encoder")]
    private readonly RaftSmallMotionEncoder _encoder;

    [ComponentName(Name = "gru")]
    private readonly RaftConvGru _gru;

    [ComponentName(Name = "flow_head")]
    private readonly RaftFlowHead _flowHead;

    /// <summary>Creates the block.</summary>
    /// <param name="correlationPlanes">Channels of the correlation lookup.</param>
    /// <param name="hiddenDim">Channels of the hidden state (96).</param>
    public RaftSmallUpdateBlock(long correlationPlanes, long hiddenDim)
        : base(nameof(RaftSmallUpdateBlock))
    {
        _encoder = new RaftSmallMotionEncoder(correlationPlanes);
        _gru = new RaftConvGru(hiddenDim, 82 + 64);
        _flowHead = new RaftFlowHead(hiddenDim, 128);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override RaftUpdate Iterate(Tensor hidden, Tensor context, Tensor correlation, Tensor flow, bool withMask)
    {
        Tensor motion = _encoder.call(flow, correlation);
        Tensor next = _gru.call(hidden, cat([context, motion], 1));
        return new RaftUpdate(next, null, _flowHead.call(next));
    }
}
