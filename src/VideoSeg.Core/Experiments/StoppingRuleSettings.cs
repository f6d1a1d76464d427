using System.Globalization;

namespace VideoSeg.Core.Experiments;

/// <summary>
/// The thresholds of the fine-tuning stopping rule that uses no ground truth (the seed paper's Sec. 5.5 asks for a stopping rule that needs no
/// ground truth; these are ours, chosen once on the synthetic suite and kept fixed for every suite).
/// </summary>
public sealed record StoppingRuleSettings
{
    /// <summary>Evaluations averaged on each side of the plateau test.</summary>
    public int Window { get; init; } = 3;

    /// <summary>The plateau: the consistency term's mean over the last <see cref="Window"/> evaluations improved on the previous window's by less than this fraction.</summary>
    public double MinRelativeImprovement { get; init; } = 0.01;

    /// <summary>
    /// Too far from the start: the foreground masks' mean disagreement with the starting model's (1 − IoU) exceeds
    /// this. Thresholded masks, not probabilities: the decoder moves background probabilities far (a mean change of
    /// 0.1 to 0.28 in four steps on the synthetic suite) without moving a single mask pixel.
    /// </summary>
    public double MaxMaskChange { get; init; } = 0.3;

    /// <summary>Noise spreading: the foreground's area changed by more than this fraction of the starting area.</summary>
    public double MaxAreaChange { get; init; } = 0.25;

    /// <summary>Throws <see cref="VideoSegException"/> (<see cref="ErrorCodes.InvalidArgument"/>) for thresholds that cannot work.</summary>
    public void Validate()
    {
        if (Window < 1 || !(MinRelativeImprovement >= 0) || !(MaxMaskChange > 0) || !(MaxAreaChange > 0)
            || !double.IsFinite(MinRelativeImprovement) || !double.IsFinite(MaxMaskChange) || !double.IsFinite(MaxAreaChange))
        {
            throw new VideoSegException(
                ErrorCodes.InvalidArgument,
                string.Create(CultureInfo.InvariantCulture, $"Invalid stopping rule: the window must be at least 1 and the thresholds positive and finite, got window {Window}, improvement {MinRelativeImprovement}, mask change {MaxMaskChange}, area change {MaxAreaChange}."));
        }
    }
}
