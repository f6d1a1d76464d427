using System.Collections.Generic;
using VideoSeg.Core;
using Xunit;

namespace VideoSeg.Evaluation.Tests;

public sealed class DatasetEvaluatorTests
{
    [Fact]
    public void SequenceMeanAndFrameMeanDifferWithUnequalLengths()
    {
        // A: 1 frame J = 1, F = 0.8. B: 3 frames J = 0, 0, 0.6, F = 0.2 each.
        SequenceEvaluation a = Sequence("a", [(1.0, 0.8)]);
        SequenceEvaluation b = Sequence("b", [(0.0, 0.2), (0.0, 0.2), (0.6, 0.2)]);
        DatasetEvaluation dataset = DatasetEvaluator.Aggregate([a, b]);

        Assert.Equal(DatasetAggregation.MeanOverSequences, dataset.SequenceMean.Aggregation);
        Assert.Equal((1.0 + 0.2) / 2, dataset.SequenceMean.JMean, 12);
        Assert.Equal((0.8 + 0.2) / 2, dataset.SequenceMean.FMean, 12);
        Assert.Equal((0.6 + 0.5) / 2, dataset.SequenceMean.JAndFMean, 12);
        Assert.Equal((1.0 + (1.0 / 3.0)) / 2, dataset.SequenceMean.JRecall, 12);
        Assert.NotNull(dataset.SequenceMean.JDecay);

        Assert.Equal(DatasetAggregation.MeanOverFrames, dataset.FrameMean.Aggregation);
        Assert.Equal(1.6 / 4, dataset.FrameMean.JMean, 12);
        Assert.Equal(1.4 / 4, dataset.FrameMean.FMean, 12);
        Assert.Equal(0.5, dataset.FrameMean.JRecall, 12);
        Assert.Equal(4, dataset.FrameMean.FrameCount);
        Assert.Null(dataset.FrameMean.JDecay);
        Assert.Same(dataset.FrameMean, dataset.For(DatasetAggregation.MeanOverFrames));
        Assert.Equal(FrameProtocol.All, dataset.FrameMean.Protocol);
    }

    [Fact]
    public void SequencesWithoutCountedFramesAreLeftOut()
    {
        var options = new EvaluationOptions { Protocol = FrameProtocol.SkipFirstAndLast };
        SequenceEvaluation a = Sequence("a", [(0.0, 0.0), (0.9, 0.9), (0.0, 0.0)], options);
        SequenceEvaluation b = Sequence("b", [(0.0, 0.0), (0.0, 0.0)], options);
        DatasetEvaluation dataset = DatasetEvaluator.Aggregate([a, b]);
        Assert.Equal(1, dataset.SequenceMean.SequenceCount);
        Assert.Equal(0.9, dataset.SequenceMean.JMean, 12);
        Assert.Equal(0.9, dataset.FrameMean.JMean, 12);
    }

    [Fact]
    public void MixedProtocolsAreAnError()
    {
        SequenceEvaluation a = Sequence("a", [(1.0, 1.0)]);
        SequenceEvaluation b = Sequence("b", [(1.0, 1.0)], new EvaluationOptions { Protocol = FrameProtocol.SkipFirst });
        var error = Assert.Throws<VideoSegException>(() => DatasetEvaluator.Aggregate([a, b]));
        Assert.Equal(ErrorCodes.InvalidArgument, error.Code);
    }

    [Fact]
    public void DuplicateSequenceIsAnError()
    {
        SequenceEvaluation a = Sequence("a", [(1.0, 1.0)]);
        Assert.Throws<VideoSegException>(() => DatasetEvaluator.Aggregate([a, a]));
    }

    private static SequenceEvaluation Sequence(string name, (double J, double F)[] scores, EvaluationOptions? options = null)
    {
        options ??= EvaluationOptions.Default;
        var frames = new List<FrameEvaluation>();
        var j = new List<double>();
        var f = new List<double>();
        for (int i = 0; i < scores.Length; i++)
        {
            bool counted = options.Protocol.IsCounted(i, scores.Length);
            frames.Add(new FrameEvaluation(i, scores[i].J, scores[i].F, counted));
            if (counted)
            {
                j.Add(scores[i].J);
                f.Add(scores[i].F);
            }
        }

        return new SequenceEvaluation(name, options.Protocol, frames, DavisStatistics.Compute(j), DavisStatistics.Compute(f), j.Count, 0);
    }
}
