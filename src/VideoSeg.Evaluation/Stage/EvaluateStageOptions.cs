namespace VideoSeg.Evaluation.Stage;

/// <summary>What the evaluate stage reads and where it writes.</summary>
/// <param name="Dataset">The suite root in the DAVIS layout (its ground truth is scored against).</param>
/// <param name="Predictions">A folder of <c>&lt;name&gt;/masks/&lt;seq&gt;/&lt;stem&gt;.png</c> result folders.</param>
/// <param name="Output">Where <c>&lt;name&gt;.json</c> go.</param>
/// <param name="Scoring">The frame protocol, the boundary tolerance and resampling.</param>
public sealed record EvaluateStageOptions(string Dataset, string Predictions, string Output, EvaluationOptions Scoring);
