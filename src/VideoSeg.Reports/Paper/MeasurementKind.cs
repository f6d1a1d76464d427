namespace VideoSeg.Reports.Paper;

/// <summary>What data one of our numbers was measured on; decides the column it may appear in.</summary>
public enum MeasurementKind
{
    /// <summary>A real benchmark (DAVIS, SegTrackV2, FBMS) or a real subset of one.</summary>
    RealData,

    /// <summary>The harness's synthetic suite; never comparable with, nor shown as, a paper number.</summary>
    SyntheticSuite,
}
