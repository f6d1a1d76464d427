namespace VideoSeg.Models.Raft;

/// <summary>The normalisation of a RAFT encoder (<c>norm_fn</c> in <c>core/extractor.py</c>).</summary>
public enum RaftNormKind
{
    /// <summary><c>'batch'</c>: BatchNorm2d, which runs on its stored statistics in eval mode.</summary>
    Batch,

    /// <summary><c>'instance'</c>: InstanceNorm2d without affine parameters or running statistics, so nothing to load.</summary>
    Instance,

    /// <summary><c>'none'</c>: no normalisation (an empty <c>nn.Sequential</c> in RAFT, so nothing to load).</summary>
    None,
}
