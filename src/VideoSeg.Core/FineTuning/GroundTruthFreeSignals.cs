namespace VideoSeg.Core.FineTuning;

/// <summary>
/// What a stopping rule may see after <paramref name="Iteration"/> steps: quantities of the predictions and the loss
/// alone, never of the ground truth.
/// </summary>
/// <param name="Iteration">Steps done.</param>
/// <param name="Consistency">The mean unweighted consistency term of the steps since the previous evaluation (NaN before the first step).</param>
/// <param name="ForegroundFraction">The mean fraction of pixels in the corner rule's foreground (probability above 0.5).</param>
/// <param name="Drift">The mean absolute difference between the foreground probabilities and the starting model's.</param>
/// <param name="MaskChange">
/// The mean over frames of 1 − IoU between the corner rule's foreground mask (probability above 0.5) and the starting
/// model's: 0 while the masks stay as they were, 1 when they no longer overlap (two empty masks agree).
/// </param>
public sealed record GroundTruthFreeSignals(int Iteration, double Consistency, double ForegroundFraction, double Drift, double MaskChange);
