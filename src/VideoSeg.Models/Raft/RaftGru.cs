using TorchSharp.Modules;
using static TorchSharp.torch;

namespace VideoSeg.Models.Raft;

/// <summary>The GRU step shared by <see cref="RaftConvGru"/> and both halves of <see cref="RaftSepConvGru"/>.</summary>
internal static class RaftGru
{
    /// <summary>z = σ(conv_z[h, x]), r = σ(conv_r[h, x]), q = tanh(conv_q[r·h, x]), h' = (1 − z)·h + z·q, in RAFT's order of operations.</summary>
    public static Tensor Step(Conv2d convZ, Conv2d convR, Conv2d convQ, Tensor hidden, Tensor input)
    {
        Tensor hx = cat([hidden, input], 1);
        Tensor z = sigmoid(convZ.call(hx));
        Tensor r = sigmoid(convR.call(hx));
        Tensor q = tanh(convQ.call(cat([r * hidden, input], 1)));
        return ((1 - z) * hidden) + (z * q);
    }
}
