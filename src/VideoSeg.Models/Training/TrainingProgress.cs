using System;

namespace VideoSeg.Models.Training;

/// <summary>Reported after every optimizer step.</summary>
/// <param name="Iteration">Steps completed so far (1 after the first).</param>
/// <param name="TotalIterations">The run's target.</param>
/// <param name="Loss">The step's loss.</param>
/// <param name="LearningRate">The learning rate the step used.</param>
/// <param name="Elapsed">Wall time since this <c>Train</c> call began.</param>
public sealed record TrainingProgress(int Iteration, int TotalIterations, double Loss, double LearningRate, TimeSpan Elapsed);
