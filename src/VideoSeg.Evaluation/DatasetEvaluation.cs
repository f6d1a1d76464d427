using System;
using System.Collections.Generic;

namespace VideoSeg.Evaluation;

/// <summary>A dataset's sequences and both aggregates over them.</summary>
/// <param name="Protocol">The frame protocol every sequence was scored with.</param>
/// <param name="Sequences">The per-sequence results, in the order given.</param>
/// <param name="SequenceMean">The DAVIS convention: the mean over sequences.</param>
/// <param name="FrameMean">The SegTrackV2/FBMS convention in GWM: the mean over all counted frames.</param>
public sealed record DatasetEvaluation(
    FrameProtocol Protocol,
    IReadOnlyList<SequenceEvaluation> Sequences,
    DatasetAggregate SequenceMean,
    DatasetAggregate FrameMean)
{
    /// <summary>The aggregate for <paramref name="aggregation"/>.</summary>
    public DatasetAggregate For(DatasetAggregation aggregation) => aggregation switch
    {
        DatasetAggregation.MeanOverSequences => SequenceMean,
        DatasetAggregation.MeanOverFrames => FrameMean,
        _ => throw new ArgumentOutOfRangeException(nameof(aggregation), aggregation, "unknown aggregation"),
    };
}
