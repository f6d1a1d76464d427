namespace VideoSeg.Evaluation;

/// <summary>How per-frame scores are averaged over a dataset.</summary>
public enum DatasetAggregation
{
    /// <summary>The mean of the per-sequence means (DAVIS; GWM on DAVIS).</summary>
    MeanOverSequences,

    /// <summary>The mean over all counted frames of all sequences (GWM on SegTrackV2 and FBMS).</summary>
    MeanOverFrames,
}
