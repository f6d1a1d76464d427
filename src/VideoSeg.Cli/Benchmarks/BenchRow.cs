namespace VideoSeg.Cli.Benchmarks;

/// <summary>One benchmark measurement.</summary>
/// <param name="Group">What is compared within the group (e.g. "J&amp;F at 854×480").</param>
/// <param name="Name">The implementation measured.</param>
/// <param name="Metric">The unit of <paramref name="Value"/>: fps, s/pair, px.</param>
/// <param name="Value">The measured value.</param>
/// <param name="Ratio">Value relative to the group's peer, measured in the same run (speed-up for fps and s/pair, ratio for px); null when there is no peer.</param>
/// <param name="Peer">The implementation the ratio is against.</param>
/// <param name="Note">How it was measured.</param>
public sealed record BenchRow(string Group, string Name, string Metric, double Value, double? Ratio, string Peer, string Note);
