namespace VideoSeg.Core.FineTuning;

/// <summary>
/// The model measured after <paramref name="Iteration"/> steps (0: the starting model), over every frame with a
/// forward flow (all but the last), as the paper's <c>eval_unsupmf</c> does: each channel's softmax upsampled
/// bilinearly to the ground truth, thresholded at 0.5, IoU = |S∩G| / max(|S∪G|, 1e-12).
/// </summary>
/// <param name="Iteration">Steps done.</param>
/// <param name="OracleJ">Mean IoU of the better channel per frame, chosen with the ground truth (the paper's protocol).</param>
/// <param name="CornerRuleJ">Mean IoU of the channel the corner rule picks on the frame's own masks (no ground truth).</param>
/// <param name="Signals">What the model's predictions show without the ground truth.</param>
public sealed record FineTuningEvaluationRow(int Iteration, double OracleJ, double CornerRuleJ, GroundTruthFreeSignals Signals);
