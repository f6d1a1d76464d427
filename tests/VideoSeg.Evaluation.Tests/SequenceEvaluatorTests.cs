using System.Collections.Generic;
using System.IO;
using System.Linq;
using VideoSeg.Core;
using VideoSeg.Core.Imaging;
using VideoSeg.Evaluation.Tests.Support;
using VideoSeg.TestUtilities;
using Xunit;

namespace VideoSeg.Evaluation.Tests;

public sealed class SequenceEvaluatorTests
{
    [Fact]
    public void ProtocolChoosesTheCountedFrames()
    {
        // Frame i's prediction covers i of the truth's 4 columns: J = i/4.
        var truths = new List<BinaryMask>();
        var predictions = new List<BinaryMask>();
        for (int i = 0; i < 5; i++)
        {
            truths.Add(Masks.Rectangle(8, 8, 0, 0, 4, 8));
            predictions.Add(Masks.Rectangle(8, 8, 0, 0, i, 8));
        }

        SequenceEvaluation all = SequenceEvaluator.Evaluate("bars", predictions, truths);
        Assert.Equal(5, all.CountedFrameCount);
        Assert.Equal(0.5, all.J.Mean, 12);
        Assert.Equal([0, 0.25, 0.5, 0.75, 1.0], all.Frames.Select(f => f.J));

        SequenceEvaluation gwm = SequenceEvaluator.Evaluate("bars", predictions, truths, new EvaluationOptions { Protocol = FrameProtocol.GwmIndexAboveOne });
        Assert.Equal(3, gwm.CountedFrameCount);
        Assert.Equal(0.75, gwm.J.Mean, 12);
        Assert.Equal(FrameProtocol.GwmIndexAboveOne, gwm.Protocol);
        Assert.Equal([false, false, true, true, true], gwm.Frames.Select(f => f.Counted));

        SequenceEvaluation semi = SequenceEvaluator.Evaluate("bars", predictions, truths, new EvaluationOptions { Protocol = FrameProtocol.SkipFirstAndLast });
        Assert.Equal(0.5, semi.J.Mean, 12);
        Assert.Equal(1.0 / 3.0, semi.J.Recall, 12); // only 0.75 is above 0.5

        // Frames 1..3 have J = 0.25, 0.5, 0.75; edges for N = 3 are 0,1,1,2,2: bins {0.25, 0.5} and {0.75}.
        Assert.Equal(0.375 - 0.75, semi.J.Decay, 12);
    }

    [Fact]
    public void CountMismatchIsAnError()
    {
        var error = Assert.Throws<VideoSegException>(() => SequenceEvaluator.Evaluate(
            "short",
            [new BinaryMask(4, 4)],
            [new BinaryMask(4, 4), new BinaryMask(4, 4)]));
        Assert.Equal(ErrorCodes.SizeMismatch, error.Code);
        Assert.Contains("short", error.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void SizeMismatchNamesSequenceAndFrame()
    {
        var error = Assert.Throws<VideoSegException>(() => SequenceEvaluator.Evaluate(
            "cows",
            [new BinaryMask(4, 4), new BinaryMask(2, 2)],
            [new BinaryMask(4, 4), new BinaryMask(4, 4)]));
        Assert.Equal(ErrorCodes.SizeMismatch, error.Code);
        Assert.Contains("'cows' frame 1", error.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void ResamplingBringsPredictionsToTheTruthSize()
    {
        // A 2×2 prediction with its left column set, upsampled to 4×4: columns 0 and 1 survive the 0.5 threshold.
        var prediction = new BinaryMask(2, 2, [1, 0, 1, 0]);
        BinaryMask truth = Masks.Rectangle(4, 4, 0, 0, 2, 4);
        SequenceEvaluation result = SequenceEvaluator.Evaluate(
            "tiny", [prediction], [truth], new EvaluationOptions { AllowResampling = true });
        Assert.Equal(1, result.ResampledFrameCount);
        Assert.Equal(1.0, result.Frames[0].J);
        Assert.Equal(1.0, result.Frames[0].F);
    }

    [SkippableFact]
    public void CarShadowTruthAgainstItselfScoresOne()
    {
        string folder = SharedData.RequirePath(Path.Combine("davis2016-car-shadow", "Annotations", "480p", "car-shadow"));
        List<BinaryMask> truths = MaskFiles.ReadFolder(folder);
        Assert.Equal(40, truths.Count);
        Assert.All(truths, t => Assert.True(t.CountForeground() > 0));
        SequenceEvaluation result = SequenceEvaluator.Evaluate("car-shadow", truths, truths);
        Assert.All(result.Frames, f =>
        {
            Assert.Equal(1.0, f.J);
            Assert.Equal(1.0, f.F);
        });
        Assert.Equal(1.0, result.JAndFMean);
        Assert.Equal(0.0, result.J.Decay);
    }

    [SkippableFact]
    public void CarShadowShiftedByMoreThanTheToleranceLosesBoundaryMatches()
    {
        string folder = SharedData.RequirePath(Path.Combine("davis2016-car-shadow", "Annotations", "480p", "car-shadow"));
        List<BinaryMask> truths = MaskFiles.ReadFolder(folder);
        List<BinaryMask> nearby = truths.ConvertAll(t => Masks.Shift(t, 8, 0));
        List<BinaryMask> far = truths.ConvertAll(t => Masks.Shift(t, 9, 0));
        SequenceEvaluation near = SequenceEvaluator.Evaluate("car-shadow", nearby, truths);
        SequenceEvaluation away = SequenceEvaluator.Evaluate("car-shadow", far, truths);

        // Every boundary pixel of an 8-pixel shift is within the 8-pixel disk; vertical edges are not after 9.
        Assert.All(near.Frames, f => Assert.Equal(1.0, f.F));
        Assert.All(away.Frames, f => Assert.True(f.F < 1.0));
        Assert.True(away.J.Mean < near.J.Mean);
    }
}
