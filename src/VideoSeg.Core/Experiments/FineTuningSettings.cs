using System.Collections.Generic;

namespace VideoSeg.Core.Experiments;

/// <summary>The matrix's fine-tuning part: the configurations the finetune stage trains, and the stopping rule's thresholds.</summary>
/// <param name="Configurations">The configurations, in Table 2 order; empty when the matrix has no fine-tuning part.</param>
/// <param name="StoppingRule">The thresholds of the stopping rule that uses no ground truth.</param>
public sealed record FineTuningSettings(IReadOnlyList<FineTuningConfiguration> Configurations, StoppingRuleSettings StoppingRule)
{
    /// <summary>No fine-tuning configurations and the default thresholds.</summary>
    public static FineTuningSettings None { get; } = new([], new StoppingRuleSettings());
}
