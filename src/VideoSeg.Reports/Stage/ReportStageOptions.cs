using VideoSeg.Evaluation;

namespace VideoSeg.Reports.Stage;

/// <summary>What the report stage reads and where it writes.</summary>
/// <param name="Suite">The suite name: synthetic, davis2016 or segtrackv2.</param>
/// <param name="Dataset">The suite root.</param>
/// <param name="Evaluation">The evaluate stage's output.</param>
/// <param name="Refined">The refine stage's output (masks for the qualitative strip).</param>
/// <param name="Flows">The flows stage's output (its flows.json names the estimator, libtorch and resolution).</param>
/// <param name="Matrix">The experiment matrix file.</param>
/// <param name="Output">The report folder.</param>
/// <param name="Aggregation">The dataset mean: over sequences (DAVIS) or over frames (SegTrackV2, GWM).</param>
/// <param name="BaseMasks">The base-mask source, for the tables.</param>
/// <param name="Selector">How the base-mask source picked one foreground mask per frame (gwm: corner-rule, motion-residual or oracle-iou); null when it needs no choice.</param>
/// <param name="RepositoryRoot">The repository, for its git SHA.</param>
/// <param name="Seed">The run's seed, recorded in the manifest.</param>
/// <param name="ProgramVersion">The version of the program running the stage, for the manifest.</param>
/// <param name="TorchSharpVersion">The TorchSharp version the program computes with, for the manifest (the report itself never loads it).</param>
/// <param name="FineTunePerSequence">The finetune stage's per-sequence records (Table 2), or null to leave Table 2 out.</param>
/// <param name="FineTuneLong">The finetune stage's long-protocol records and snapshots (Figures 8 and 9), or null to leave them out.</param>
/// <param name="Backbone">
/// The trained network's backbone as tables name it (e.g. "ResNet18 (ImageNet-supervised)"), or null for the default small CNN;
/// when given, it is part of the base masks' label, so no table row passes a pretrained backbone off as GWM's.
/// </param>
public sealed record ReportStageOptions(
    string Suite,
    string Dataset,
    string Evaluation,
    string Refined,
    string Flows,
    string Matrix,
    string Output,
    DatasetAggregation Aggregation,
    string BaseMasks,
    string? Selector,
    string RepositoryRoot,
    int Seed,
    string ProgramVersion,
    string TorchSharpVersion,
    string? FineTunePerSequence = null,
    string? FineTuneLong = null,
    string? Backbone = null)
{
    /// <summary>
    /// The base masks' label in tables: the source, the backbone when one other than the default was given, and the
    /// foreground rule where there is one (e.g. <c>gwm/corner-rule</c>, <c>gwm (ResNet18 (ImageNet-supervised))/corner-rule</c>).
    /// </summary>
    public string BaseMasksLabel
    {
        get
        {
            string source = Backbone is null ? BaseMasks : $"{BaseMasks} ({Backbone})";
            return Selector is null ? source : $"{source}/{Selector}";
        }
    }

    /// <summary>The aggregation's command-line name, as stamps, tables and the manifest record it.</summary>
    public string AggregationName => ProtocolNames.NameOf(Aggregation);
}
