namespace VideoSeg.Core.Pipeline;

/// <summary>What running a stage did.</summary>
/// <param name="Stage">The stage name.</param>
/// <param name="OutputDirectory">Its output folder.</param>
/// <param name="StampPath">Its stamp.</param>
/// <param name="Ran">True when it computed; false when its stamp showed it up to date.</param>
public sealed record StageOutcome(string Stage, string OutputDirectory, string StampPath, bool Ran);
