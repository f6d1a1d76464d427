namespace VideoSeg.Flow.Estimation;

/// <summary>Where the flows stage gets its flows (named on the command line by <see cref="FlowEstimatorNames"/>).</summary>
public enum FlowEstimatorKind
{
    /// <summary><c>tvl1</c>: TV-L1 with the accurate settings.</summary>
    TvL1,

    /// <summary><c>tvl1-fast</c>: TV-L1 with the fast settings.</summary>
    TvL1Fast,

    /// <summary><c>groundtruth</c>: the synthetic suite's ground-truth flows.</summary>
    GroundTruth,

    /// <summary><c>import-flo</c>: a <c>Flows_gap{g}</c> tree of Middlebury .flo files.</summary>
    ImportFlo,

    /// <summary><c>import-npy</c>: SSL-VOS's <c>flow_1_*</c>/<c>flow_reverse_1_*</c> .npy folders.</summary>
    ImportNpy,

    /// <summary><c>raft</c>: RAFT, the full model, with released weights (built by <see cref="IFlowEstimatorFactory"/>).</summary>
    Raft,

    /// <summary><c>raft-small</c>: RAFT-small, with released weights (built by <see cref="IFlowEstimatorFactory"/>).</summary>
    RaftSmall,
}
