namespace VideoSeg.Data.Synthetic;

/// <summary>Where the synthetic suite stage writes and what it generates.</summary>
/// <param name="Output">The suite root to write (DAVIS layout).</param>
/// <param name="Suite">The generator's options, seed included.</param>
public sealed record SyntheticSuiteStageOptions(string Output, SyntheticSuiteOptions Suite);
