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

    /// <summary>Too far from the start: the mean absolute change of the foreground probabilities exceeds this.</summary>
    public double MaxDrift { get; init; } = 0.05;

    /// <summary>Noise spreading: the foreground's area changed by more than this fraction of the starting area.</summary>
    public double MaxAreaChange { get; init; } = 0.25;

    /// <summary>Throws <see cref="VideoSegException"/> (<see cref="ErrorCodes.InvalidArgument"/>) for thresholds that cannot work.</summary>
    public void Validate()
    {
        if (Window < 1 || !(MinRelativeImprovement >= 0) || !(MaxDrift > 0) || !(MaxAreaChange > 0)
            || !double.IsFinite(MinRelativeImprovement) || !double.IsFinite(MaxDrift) || !double.IsFinite(MaxAreaChange))
        {
            throw new VideoSegException(
                ErrorCodes.InvalidArgument,
                string.Create(CultureInfo.InvariantCulture, $"Invalid stopping rule: the window must be at least 1 and the thresholds positive and finite, got window {Window}, improvement {MinRelativeImprovement}, drift {MaxDrift}, area change {MaxAreaChange}."));
        }
    }
}
