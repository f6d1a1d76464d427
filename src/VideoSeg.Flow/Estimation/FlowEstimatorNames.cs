using System;
using VideoSeg.Core;

namespace VideoSeg.Flow.Estimation;

/// <summary>The names the command line, the stamp and <c>flows.json</c> use for each <see cref="FlowEstimatorKind"/>.</summary>
public static class FlowEstimatorNames
{
    /// <summary>Every accepted name, in the command line's vocabulary.</summary>
    public static readonly string[] All = ["tvl1", "tvl1-fast", "groundtruth", "import-flo", "import-npy", "raft", "raft-small"];

    /// <summary>The estimator named <paramref name="name"/>; an unknown name is one <see cref="ErrorCodes.InvalidArgument"/> error listing the known ones.</summary>
    public static FlowEstimatorKind Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name switch
        {
            "tvl1" => FlowEstimatorKind.TvL1,
            "tvl1-fast" => FlowEstimatorKind.TvL1Fast,
            "groundtruth" => FlowEstimatorKind.GroundTruth,
            "import-flo" => FlowEstimatorKind.ImportFlo,
            "import-npy" => FlowEstimatorKind.ImportNpy,
            "raft" => FlowEstimatorKind.Raft,
            "raft-small" => FlowEstimatorKind.RaftSmall,
            _ => throw new VideoSegException(ErrorCodes.InvalidArgument, $"unknown flow estimator '{name}'; expected {string.Join(", ", All)}"),
        };
    }

    /// <summary>Whether <paramref name="kind"/> is computed by an estimator from outside VideoSeg.Flow (<see cref="IFlowEstimatorFactory"/>).</summary>
    public static bool IsExternal(FlowEstimatorKind kind) => kind is FlowEstimatorKind.Raft or FlowEstimatorKind.RaftSmall;

    /// <summary>The name of <paramref name="kind"/>, as stamps and <c>flows.json</c> record it.</summary>
    public static string Name(FlowEstimatorKind kind) => kind switch
    {
        FlowEstimatorKind.TvL1 => "tvl1",
        FlowEstimatorKind.TvL1Fast => "tvl1-fast",
        FlowEstimatorKind.GroundTruth => "groundtruth",
        FlowEstimatorKind.ImportFlo => "import-flo",
        FlowEstimatorKind.ImportNpy => "import-npy",
        FlowEstimatorKind.Raft => "raft",
        FlowEstimatorKind.RaftSmall => "raft-small",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a flow estimator"),
    };
}
