using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace VideoSeg.Models.Raft;

/// <summary>
/// RAFT's <c>BasicMotionEncoder</c> (<c>core/update.py</c>): the correlation through 1×1 → 256 and 3×3 → 192, the
/// flow through 7×7 → 128 and 3×3 → 64, both through 3×3 → 126, then the flow appended: 128 channels.
/// </summary>
public sealed class RaftBasicMotionEncoder : nn.Module<Tensor, Tensor, Tensor>
{
    [ComponentName(Name = "convc1")]
    private readonly Conv2d _convC1;

    [ComponentName(Name = "convc2")]
    private readonly Conv2d _convC2;

    [ComponentName(Name = "convf1")]
    private readonly Conv2d _convF1;

    [ComponentName(Name = "convf2")]
    private readonly Conv2d _convF2;

    [ComponentName(Name = "conv")]
    private readonly Conv2d _conv;

    /// <summary>Creates the encoder.</summary>
    /// <param name="correlationPlanes">Channels of the correlation lookup: levels × (2r + 1)².</param>
    public RaftBasicMotionEncoder(long correlationPlanes)
        : base(nameof(RaftBasicMotionEncoder))
    {
        _convC1 = nn.Conv2d(correlationPlanes, 256, 1);
        _convC2 = nn.Conv2d(256, 192, 3, padding: 1);
        _convF1 = nn.Conv2d(2, 128, 7, padding: 3);
        _convF2 = nn.Conv2d(128, 64, 3, padding: 1);
        _conv = nn.Conv2d(64 + 192, 128 - 2, 3, padding: 1);
        RegisterComponents();
    }

    /// <summary>Motion features of <paramref name="flow"/> and its correlation lookup <paramref name="correlation"/>.</summary>
    /// <param name="flow">B × 2 × H × W.</param>
    /// <param name="correlation">B × planes × H × W.</param>
    /// <returns>B × 128 × H × W, the flow in the last two channels.</returns>
    public override Tensor forward(Tensor flow, Tensor correlation)
    {
        Tensor cor = F.relu(_convC1.call(correlation));
        cor = F.relu(_convC2.call(cor));
        Tensor flo = F.relu(_convF1.call(flow));
        flo = F.relu(_convF2.call(flo));
        Tensor output = F.relu(_conv.call(cat([cor, flo], 1)));
        return cat([output, flow], 1);
    }
}
