using System.Collections.Generic;

namespace VideoSeg.Core.Pipeline;

/// <summary>
/// What a completed stage recorded about itself: the content hash of everything it read
/// (inputs and parameters) and of everything it wrote. A rerun whose input hash matches and
/// whose outputs still hash the same is skipped.
/// </summary>
/// <param name="Stage">The stage name, e.g. "flows".</param>
/// <param name="InputHash">SHA-256 over parameters and input contents.</param>
/// <param name="OutputHash">SHA-256 over the output folder's contents.</param>
/// <param name="Parameters">The parameters, as recorded in the run manifest.</param>
/// <param name="ElapsedSeconds">How long the stage took when it ran.</param>
public sealed record StageStamp(
    string Stage,
    string InputHash,
    string OutputHash,
    IReadOnlyDictionary<string, string> Parameters,
    double ElapsedSeconds);
