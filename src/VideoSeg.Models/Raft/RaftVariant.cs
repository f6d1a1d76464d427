namespace VideoSeg.Models.Raft;

/// <summary>Which of RAFT's two published architectures (princeton-vl/RAFT <c>core/raft.py</c>, <c>args.small</c>).</summary>
public enum RaftVariant
{
    /// <summary>
    /// The full model of <c>raft-things.pth</c>, <c>raft-sintel.pth</c>, <c>raft-kitti.pth</c> and <c>raft-chairs.pth</c>:
    /// <c>BasicEncoder</c>s (instance norm for features, batch norm for context), correlation radius 4, the separable
    /// ConvGRU with 128 hidden channels and the convex 8× upsampling.
    /// </summary>
    Full,

    /// <summary>
    /// RAFT-small (<c>raft-small.pth</c>): <c>SmallEncoder</c>s (instance norm for features, none for context),
    /// correlation radius 3, a 3×3 ConvGRU with 96 hidden channels and bilinear 8× upsampling (<c>upflow8</c>).
    /// </summary>
    Small,
}
