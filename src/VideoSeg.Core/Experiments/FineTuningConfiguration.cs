namespace VideoSeg.Core.Experiments;

/// <summary>One fine-tuning configuration of the experiment matrix: a loss to train GWM's decoder with, and how its row is reported.</summary>
/// <param name="Name">A unique name; it names the output folder <c>finetune/&lt;protocol&gt;/&lt;name&gt;</c>.</param>
/// <param name="Loss">The consistency loss's form.</param>
/// <param name="Weight">The consistency term's weight, or null for the protocol's (per-sequence 0.03, long 0.5, as the paper's scripts).</param>
/// <param name="Deviation">α_c of SSL-VOS's deviation regulariser; 0 for none.</param>
/// <param name="OcclusionWeighted">Whether the consistency is weighted per pixel by the occlusions stage's visibility.</param>
/// <param name="Report">Which iteration the headline number of Table 2 comes from.</param>
/// <param name="Table2Label">The row label in Table 2.</param>
public sealed record FineTuningConfiguration(
    string Name,
    ConsistencyLossForm Loss,
    double? Weight,
    double Deviation,
    bool OcclusionWeighted,
    FineTuningReportRule Report,
    string Table2Label);
