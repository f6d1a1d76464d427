using VideoSeg.Core;

namespace VideoSeg.Evaluation;

/// <summary>The command-line names of the frame protocols and aggregations.</summary>
public static class ProtocolNames
{
    /// <summary>The accepted protocol names.</summary>
    public static readonly string[] Protocols = ["all", "skip-first", "skip-first-last", "gwm"];

    /// <summary>The accepted aggregation names.</summary>
    public static readonly string[] Aggregations = ["sequences", "frames"];

    /// <summary>Parses a protocol name.</summary>
    public static FrameProtocol Parse(string name) => name switch
    {
        "all" => FrameProtocol.All,
        "skip-first" => FrameProtocol.SkipFirst,
        "skip-first-last" => FrameProtocol.SkipFirstAndLast,
        "gwm" => FrameProtocol.GwmIndexAboveOne,
        _ => throw new VideoSegException(ErrorCodes.InvalidArgument, $"unknown frame protocol '{name}'; expected {string.Join(", ", Protocols)}"),
    };

    /// <summary>Parses an aggregation name.</summary>
    public static DatasetAggregation ParseAggregation(string name) => name switch
    {
        "sequences" => DatasetAggregation.MeanOverSequences,
        "frames" => DatasetAggregation.MeanOverFrames,
        _ => throw new VideoSegException(ErrorCodes.InvalidArgument, $"unknown aggregation '{name}'; expected sequences or frames"),
    };

    /// <summary>The command-line name of an aggregation, as <see cref="ParseAggregation"/> reads it.</summary>
    public static string NameOf(DatasetAggregation aggregation) => aggregation switch
    {
        DatasetAggregation.MeanOverSequences => "sequences",
        DatasetAggregation.MeanOverFrames => "frames",
        _ => aggregation.ToString(),
    };

    /// <summary>A sentence describing a protocol, for reports.</summary>
    public static string Describe(FrameProtocol protocol) => protocol switch
    {
        FrameProtocol.All => "every frame counted (DAVIS unsupervised protocol)",
        FrameProtocol.SkipFirst => "the first frame left out",
        FrameProtocol.SkipFirstAndLast => "the first and last frames left out (DAVIS semi-supervised protocol)",
        FrameProtocol.GwmIndexAboveOne => "only frames with index > 1 counted (GWM's eval_utils)",
        _ => protocol.ToString(),
    };
}
