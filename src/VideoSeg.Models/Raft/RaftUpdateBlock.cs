using static TorchSharp.torch;

namespace VideoSeg.Models.Raft;

/// <summary>RAFT's update operator, <c>BasicUpdateBlock</c> or <c>SmallUpdateBlock</c> (<c>core/update.py</c>).</summary>
public abstract class RaftUpdateBlock : nn.Module
{
    /// <summary>Creates the module.</summary>
    /// <param name="name">The module's name.</param>
    protected RaftUpdateBlock(string name)
        : base(name)
    {
    }

    /// <summary>One iteration: motion features from the flow and its correlation, a GRU step, the flow update.</summary>
    /// <param name="hidden">The GRU's hidden state.</param>
    /// <param name="context">The context features (ReLU of the context encoder's second part).</param>
    /// <param name="correlation">The correlation lookup at the current estimate.</param>
    /// <param name="flow">The current flow on the 1/8 grid.</param>
    /// <param name="withMask">
    /// Whether to compute the convex-upsampling mask (full RAFT): RAFT computes it at every iteration, but in test mode only
    /// the last one's is used, so the network asks for that one only (a sixth of an iteration's work at 854×480).
    /// </param>
    /// <returns>The new hidden state, the upsampling mask (full RAFT, when asked for) and the flow update.</returns>
    public abstract RaftUpdate Iterate(Tensor hidden, Tensor context, Tensor correlation, Tensor flow, bool withMask);
}
