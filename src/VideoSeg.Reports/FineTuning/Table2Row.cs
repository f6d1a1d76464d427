namespace VideoSeg.Reports.FineTuning;

/// <summary>
/// One row of the Table 2 analogue: a fine-tuning configuration on one sequence, or on all of them ("All"), with the
/// 2-mask starting model's J beside the fine-tuned J at each way of choosing the iteration. J is a fraction (IoU),
/// measured with the paper's oracle channel unless a column says corner rule.
/// </summary>
/// <param name="Dataset">The suite's label.</param>
/// <param name="Configuration">The matrix's fine-tuning configuration.</param>
/// <param name="Label">Its Table 2 label.</param>
/// <param name="Sequence">The sequence, or "All" (the mean over the frames of every sequence, as the paper's SegTrackV2 numbers).</param>
/// <param name="Frames">Frames measured.</param>
/// <param name="BaselineJ">The starting model's J (iteration 0).</param>
/// <param name="Report">The configuration's headline rule: oracle-best, stopping-rule or final.</param>
/// <param name="ReportIteration">The headline iteration; null for All, where each sequence has its own.</param>
/// <param name="ReportJ">J at the headline iteration.</param>
/// <param name="OracleBestIteration">The iteration with the best J, chosen with the ground truth; null for All.</param>
/// <param name="OracleBestJ">J there.</param>
/// <param name="StoppingIteration">The iteration the stopping rule without ground truth chose; null for All.</param>
/// <param name="StoppingReason">Why it stopped (mask-change, area-change, plateau, end); empty for All.</param>
/// <param name="StoppingJ">J there.</param>
/// <param name="FinalIteration">The last iteration; null for All.</param>
/// <param name="FinalJ">J there.</param>
/// <param name="BaselineCornerJ">The starting model's J with the corner rule's channel.</param>
/// <param name="StoppingCornerJ">J at the stopping rule's iteration with the corner rule's channel: a number that uses no ground truth at all.</param>
/// <param name="PaperBaselineJ">The paper's 2-mask GWM on this SegTrackV2 sequence (×100), only for SegTrackV2.</param>
/// <param name="PaperJ">The paper's fine-tuned number (×100), only for SegTrackV2.</param>
public sealed record Table2Row(
    string Dataset,
    string Configuration,
    string Label,
    string Sequence,
    int Frames,
    double BaselineJ,
    string Report,
    int? ReportIteration,
    double ReportJ,
    int? OracleBestIteration,
    double OracleBestJ,
    int? StoppingIteration,
    string StoppingReason,
    double StoppingJ,
    int? FinalIteration,
    double FinalJ,
    double BaselineCornerJ,
    double StoppingCornerJ,
    double? PaperBaselineJ,
    double? PaperJ);
