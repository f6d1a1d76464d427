namespace VideoSeg.Core.FineTuning;

/// <summary>One optimizer step of a fine-tuning run.</summary>
/// <param name="Iteration">The step's index, from 0.</param>
/// <param name="Loss">The loss back-propagated.</param>
/// <param name="Consistency">Its unweighted consistency term.</param>
/// <param name="Deviation">Its unweighted deviation term (0 without the regulariser).</param>
public sealed record FineTuningStepRow(int Iteration, double Loss, double Consistency, double Deviation);
