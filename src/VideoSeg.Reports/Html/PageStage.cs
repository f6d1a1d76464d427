using System.Collections.Generic;

namespace VideoSeg.Reports.Html;

/// <summary>One stage stamp of the run: what ran, for how long, and with which parameters (device and numerics among them).</summary>
/// <param name="Stage">The stage's name.</param>
/// <param name="Elapsed">Its running time in words.</param>
/// <param name="InputHash">The hash of its inputs, shortened.</param>
/// <param name="Parameters">Its recorded parameters, sorted by name.</param>
public sealed record PageStage(string Stage, string Elapsed, string InputHash, IReadOnlyList<PageFact> Parameters);
