using System;
using System.Collections.Generic;
using System.Linq;
using VideoSeg.Core;
using VideoSeg.Core.Experiments;
using VideoSeg.Core.FineTuning;

namespace VideoSeg.Models.FineTuning;

/// <summary>
/// Chooses when to stop fine-tuning without the ground truth (the seed paper's Sec. 5.5, future work (c)). It reads
/// only <see cref="GroundTruthFreeSignals"/>, which carry no score, and walks the evaluations in order:
/// <list type="number">
/// <item><description>if the foreground masks disagree with the starting model's (mean 1 − IoU) by more than
/// <see cref="StoppingRuleSettings.MaxMaskChange"/>, or the foreground's area changed by more than
/// <see cref="StoppingRuleSettings.MaxAreaChange"/> of the starting area (the paper's noise spreading), the previous
/// evaluation is reported: the last model still close to the start;</description></item>
/// <item><description>otherwise, once two full windows of consistency values exist, if the last window's mean improved on the
/// previous window's by less than <see cref="StoppingRuleSettings.MinRelativeImprovement"/>, this evaluation is reported
/// (a plateau);</description></item>
/// <item><description>if neither fires, the last evaluation is reported.</description></item>
/// </list>
/// </summary>
public static class StoppingRule
{
    /// <summary>The decision for a run's evaluations, which must start at iteration 0 and be in order.</summary>
    public static StoppingDecision Choose(IReadOnlyList<GroundTruthFreeSignals> signals, StoppingRuleSettings options)
    {
        ArgumentNullException.ThrowIfNull(signals);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (signals.Count == 0 || signals[0].Iteration != 0)
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, "the stopping rule needs the evaluations of a run, starting with the starting model's (iteration 0)");
        }

        double startArea = signals[0].ForegroundFraction;
        for (int i = 1; i < signals.Count; i++)
        {
            GroundTruthFreeSignals now = signals[i];
            if (now.MaskChange > options.MaxMaskChange)
            {
                return new StoppingDecision(signals[i - 1].Iteration, "mask-change");
            }

            if (Math.Abs(now.ForegroundFraction - startArea) > options.MaxAreaChange * Math.Max(startArea, 1e-6))
            {
                return new StoppingDecision(signals[i - 1].Iteration, "area-change");
            }

            // Evaluation 0 has no consistency value: windows are taken from evaluations 1..i.
            if (i >= 2 * options.Window)
            {
                double recent = signals.Skip(i - options.Window + 1).Take(options.Window).Average(s => s.Consistency);
                double before = signals.Skip(i - (2 * options.Window) + 1).Take(options.Window).Average(s => s.Consistency);
                if (before - recent < options.MinRelativeImprovement * Math.Abs(before))
                {
                    return new StoppingDecision(now.Iteration, "plateau");
                }
            }
        }

        return new StoppingDecision(signals[^1].Iteration, "end");
    }
}
