using System.Collections.Generic;
using System.Linq;

namespace VideoSeg.Core.FineTuning;

/// <summary>One fine-tuning run as the finetune stage records it: one configuration on one sequence.</summary>
/// <param name="Configuration">The matrix's fine-tuning configuration.</param>
/// <param name="Sequence">The sequence trained and measured on.</param>
/// <param name="Protocol">per-sequence (<c>main_ssl_stv2.py</c>) or long (<c>main_ssl.py</c>).</param>
/// <param name="Iterations">Steps done.</param>
/// <param name="EvaluationPeriod">Steps between measurements.</param>
/// <param name="Frames">Frames measured: every frame with a forward flow.</param>
/// <param name="Steps">Every step's loss.</param>
/// <param name="Evaluations">The measurements, from iteration 0.</param>
/// <param name="Stopping">What the stopping rule without ground truth chose.</param>
/// <param name="Seconds">Seconds spent stepping and measuring in the run's last process (a resumed run counts its last part).</param>
/// <param name="StepsTimed">Steps done in those seconds.</param>
public sealed record FineTuningRunRecord(
    string Configuration,
    string Sequence,
    string Protocol,
    int Iterations,
    int EvaluationPeriod,
    int Frames,
    IReadOnlyList<FineTuningStepRow> Steps,
    IReadOnlyList<FineTuningEvaluationRow> Evaluations,
    StoppingDecision Stopping,
    double Seconds,
    int StepsTimed)
{
    /// <summary>The starting model's measurement (iteration 0).</summary>
    public FineTuningEvaluationRow Start => Evaluations[0];

    /// <summary>The measurement with the best oracle J, the earliest on ties: what the paper's script prints.</summary>
    public FineTuningEvaluationRow OracleBest => Evaluations.Aggregate((best, e) => e.OracleJ > best.OracleJ ? e : best);

    /// <summary>The last measurement.</summary>
    public FineTuningEvaluationRow Final => Evaluations[^1];

    /// <summary>The measurement the stopping rule chose.</summary>
    public FineTuningEvaluationRow AtStopping => Evaluations.First(e => e.Iteration == Stopping.Iteration);
}
