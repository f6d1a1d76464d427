namespace VideoSeg.Reports.Paper;

/// <summary>One line of the paper-versus-ours comparison; null values are missing counterparts.</summary>
/// <param name="Artifact">The paper artifact, e.g. "Table 2".</param>
/// <param name="Row">What was measured.</param>
/// <param name="Dataset">The dataset as the paper names it.</param>
/// <param name="Paper">The published value (J ×100), or null when the paper has none.</param>
/// <param name="PaperSource">Where the published value comes from; empty when there is none.</param>
/// <param name="OursRealData">Our value on real data (J ×100), or null.</param>
/// <param name="OursRealDataMeasuredOn">What our real-data value was measured on; empty when there is none.</param>
/// <param name="OursSyntheticSuite">Our value on the synthetic suite (J ×100), or null.</param>
/// <param name="OursSyntheticSuiteMeasuredOn">What our synthetic value was measured on; empty when there is none.</param>
public sealed record ComparisonRow(
    string Artifact,
    string Row,
    string Dataset,
    double? Paper,
    string PaperSource,
    double? OursRealData,
    string OursRealDataMeasuredOn,
    double? OursSyntheticSuite,
    string OursSyntheticSuiteMeasuredOn);
