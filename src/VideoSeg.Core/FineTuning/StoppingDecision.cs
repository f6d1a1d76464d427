namespace VideoSeg.Core.FineTuning;

/// <summary>Which evaluation a stopping rule reports, and why.</summary>
/// <param name="Iteration">The iteration whose model is reported.</param>
/// <param name="Reason">mask-change, area-change, plateau or end (no test fired).</param>
public sealed record StoppingDecision(int Iteration, string Reason);
