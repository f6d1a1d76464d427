namespace VideoSeg.Reports.Paper;

/// <summary>A published number with where it was published and what it was measured on.</summary>
/// <param name="Artifact">Where the number appears, e.g. "Table 2".</param>
/// <param name="Row">What was measured, e.g. the method.</param>
/// <param name="Dataset">The data it was measured on, e.g. "DAVIS 2016" or "SegTrackV2: bmx".</param>
/// <param name="Value">The number as printed: mean IoU (J) in points, i.e. ×100.</param>
/// <param name="Source">Provenance: the passage, table or file the number was read from.</param>
public sealed record PaperFigure(string Artifact, string Row, string Dataset, double Value, string Source);
