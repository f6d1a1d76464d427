using System;
using System.Collections.Generic;
using VideoSeg.Core;

namespace VideoSeg.Evaluation;

/// <summary>Combines per-sequence results into dataset-level scores.</summary>
public static class DatasetEvaluator
{
    /// <summary>
    /// Both aggregates over <paramref name="sequences"/>. Sequences with no counted frame are left out of
    /// both (their statistics are NaN). The per-sequence means follow the toolkit's np.mean, so a NaN
    /// decay (a sequence too short or, from 257 frames, too long for its bins) makes the mean decay NaN.
    /// </summary>
    /// <exception cref="VideoSegException">The list is empty, names a sequence twice, or mixes frame protocols (<see cref="ErrorCodes.InvalidArgument"/>).</exception>
    public static DatasetEvaluation Aggregate(IReadOnlyList<SequenceEvaluation> sequences)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        if (sequences.Count == 0)
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, "no sequences to aggregate; expected at least one scored sequence");
        }

        FrameProtocol protocol = sequences[0].Protocol;
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (SequenceEvaluation sequence in sequences)
        {
            ArgumentNullException.ThrowIfNull(sequence, nameof(sequences));
            if (sequence.Protocol != protocol)
            {
                throw new VideoSegException(ErrorCodes.InvalidArgument, $"sequence '{sequence.Sequence}' was scored with protocol {sequence.Protocol} but '{sequences[0].Sequence}' with {protocol}; expected one protocol for the dataset");
            }

            if (!names.Add(sequence.Sequence))
            {
                throw new VideoSegException(ErrorCodes.InvalidArgument, $"sequence '{sequence.Sequence}' appears twice; expected each sequence once");
            }
        }

        return new DatasetEvaluation(protocol, sequences, OverSequences(sequences, protocol), OverFrames(sequences, protocol));
    }

    private static DatasetAggregate OverSequences(IReadOnlyList<SequenceEvaluation> sequences, FrameProtocol protocol)
    {
        int count = 0;
        int frames = 0;
        double jMean = 0, jRecall = 0, jDecay = 0, fMean = 0, fRecall = 0, fDecay = 0;
        foreach (SequenceEvaluation sequence in sequences)
        {
            if (sequence.CountedFrameCount == 0)
            {
                continue;
            }

            count++;
            frames += sequence.CountedFrameCount;
            jMean += sequence.J.Mean;
            jRecall += sequence.J.Recall;
            jDecay += sequence.J.Decay;
            fMean += sequence.F.Mean;
            fRecall += sequence.F.Recall;
            fDecay += sequence.F.Decay;
        }

        if (count == 0)
        {
            return new DatasetAggregate(DatasetAggregation.MeanOverSequences, protocol, 0, 0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        return new DatasetAggregate(
            DatasetAggregation.MeanOverSequences,
            protocol,
            count,
            frames,
            jMean / count,
            jRecall / count,
            jDecay / count,
            fMean / count,
            fRecall / count,
            fDecay / count);
    }

    private static DatasetAggregate OverFrames(IReadOnlyList<SequenceEvaluation> sequences, FrameProtocol protocol)
    {
        int sequenceCount = 0;
        int frames = 0;
        int jAbove = 0, fAbove = 0;
        double jSum = 0, fSum = 0;
        foreach (SequenceEvaluation sequence in sequences)
        {
            if (sequence.CountedFrameCount > 0)
            {
                sequenceCount++;
            }

            foreach (FrameEvaluation frame in sequence.Frames)
            {
                if (!frame.Counted)
                {
                    continue;
                }

                frames++;
                jSum += frame.J;
                fSum += frame.F;
                jAbove += frame.J > 0.5 ? 1 : 0;
                fAbove += frame.F > 0.5 ? 1 : 0;
            }
        }

        return frames == 0
            ? new DatasetAggregate(DatasetAggregation.MeanOverFrames, protocol, 0, 0, double.NaN, double.NaN, null, double.NaN, double.NaN, null)
            : new DatasetAggregate(DatasetAggregation.MeanOverFrames, protocol, sequenceCount, frames, jSum / frames, jAbove / (double)frames, null, fSum / frames, fAbove / (double)frames, null);
    }
}
