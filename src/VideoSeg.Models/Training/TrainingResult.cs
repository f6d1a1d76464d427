using System.Collections.Generic;

namespace VideoSeg.Models.Training;

/// <summary>The outcome of <see cref="GwmTrainer.Train"/>.</summary>
/// <param name="Iterations">Steps completed in total (including those before a resume).</param>
/// <param name="LossCurve">Every step's loss and learning rate, from iteration 0.</param>
/// <param name="CheckpointPath">The resume checkpoint written last.</param>
/// <param name="ExportPath">The PyTorch export written beside it.</param>
public sealed record TrainingResult(int Iterations, IReadOnlyList<LossCurveRow> LossCurve, string CheckpointPath, string ExportPath);
