namespace VideoSeg.Models.Training;

/// <summary>One optimizer step of the loss curve.</summary>
/// <param name="Iteration">The step's 0-based index (the number of steps taken before it).</param>
/// <param name="Loss">The step's loss.</param>
/// <param name="LearningRate">The learning rate the step used.</param>
public sealed record LossCurveRow(int Iteration, double Loss, double LearningRate);
