using VideoSeg.Core.FineTuning;
using System.Collections.Generic;

namespace VideoSeg.Models.FineTuning;

/// <summary>What a finished fine-tuning run measured.</summary>
/// <param name="Sequence">The sequence trained and measured on.</param>
/// <param name="Iterations">Steps done.</param>
/// <param name="Steps">Every step's loss.</param>
/// <param name="Evaluations">J and the ground-truth-free signals at iteration 0, every evaluation period and the end.</param>
/// <param name="Snapshots">The snapshot frame's foreground at each evaluation.</param>
/// <param name="Seconds">Wall-clock seconds spent stepping and measuring in this process (not counting a resumed part).</param>
/// <param name="StepsTimed">Steps done in this process.</param>
public sealed record FineTuningResult(
    string Sequence,
    int Iterations,
    IReadOnlyList<FineTuningStepRow> Steps,
    IReadOnlyList<FineTuningEvaluationRow> Evaluations,
    IReadOnlyList<FineTuningSnapshot> Snapshots,
    double Seconds,
    int StepsTimed);
