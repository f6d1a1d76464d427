namespace VideoSeg.Reports.Tables;

/// <summary>
/// One row of the Table 1 analogue: one refinement configuration scored on one dataset.
/// J and F are fractions in [0, 1]; tables print them ×100 with one decimal, as the paper does.
/// </summary>
/// <param name="Configuration">The experiment-matrix configuration name; with <paramref name="Dataset"/> it identifies the row.</param>
/// <param name="Method">The refinement method in words, e.g. "GWM (base)" or "weighted average ±1".</param>
/// <param name="Dataset">The dataset the row was measured on, e.g. "DAVIS 2016 val" or "synthetic suite".</param>
/// <param name="FlowSource">Where the optical flow came from, e.g. "RAFT things" or "ground truth".</param>
/// <param name="BaseMasks">Where the masks being refined came from, e.g. "GWM released checkpoint".</param>
/// <param name="Sequences">How many sequences were scored.</param>
/// <param name="Frames">How many frames were scored.</param>
/// <param name="MeanJ">Mean region similarity J (IoU).</param>
/// <param name="DeltaJ">MeanJ minus the base masks' MeanJ on the same dataset.</param>
/// <param name="MeanF">Mean boundary accuracy F.</param>
/// <param name="DeltaF">MeanF minus the base masks' MeanF on the same dataset.</param>
/// <param name="JRecall">The fraction of frames with J above 0.5.</param>
/// <param name="JDecay">J's decay: the first quarter's mean minus the last quarter's.</param>
public sealed record Table1Row(
    string Configuration,
    string Method,
    string Dataset,
    string FlowSource,
    string BaseMasks,
    int Sequences,
    int Frames,
    double MeanJ,
    double DeltaJ,
    double MeanF,
    double DeltaF,
    double JRecall,
    double JDecay);
