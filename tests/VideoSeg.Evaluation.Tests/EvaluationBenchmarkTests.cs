using System.Collections.Generic;
using System.IO;
using VideoSeg.Core.Imaging;
using VideoSeg.Evaluation.Tests.Support;
using VideoSeg.TestUtilities;
using Xunit;
using Xunit.Abstractions;

namespace VideoSeg.Evaluation.Tests;

public sealed class EvaluationBenchmarkTests
{
    private readonly ITestOutputHelper _output;

    public EvaluationBenchmarkTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void CyclesThePairsAndAgreesWithSequenceScoring()
    {
        BinaryMask truth = Masks.Rectangle(100, 50, 10, 10, 40, 30);
        BinaryMask prediction = Masks.Shift(truth, 3, 0);
        EvaluationBenchmarkResult result = EvaluationBenchmark.Run([prediction, truth], [truth, truth], maskCount: 5);
        double jShifted = JaccardIndex.Compute(prediction, truth);
        Assert.Equal(5, result.MaskCount);
        Assert.Equal(((3 * jShifted) + 2) / 5, result.MeanJ, 12);
    }

    [SkippableFact]
    public void CarShadowShiftedAtDavisScale()
    {
        // Timings are printed, never asserted: 1,376 masks (the DAVIS 2016 validation set's size) of
        // car-shadow's ground truth against itself shifted by (7, 4).
        string folder = SharedData.RequirePath(Path.Combine("davis2016-car-shadow", "Annotations", "480p", "car-shadow"));
        List<BinaryMask> truths = MaskFiles.ReadFolder(folder);
        List<BinaryMask> shifted = truths.ConvertAll(t => Masks.Shift(t, 7, 4));
        EvaluationBenchmarkResult result = EvaluationBenchmark.Run(shifted, truths);
        SequenceEvaluation once = SequenceEvaluator.Evaluate("car-shadow", shifted, truths);
        _output.WriteLine($"{result.MaskCount} masks {result.Width}×{result.Height}: single thread {result.SingleThreaded.TotalMilliseconds:F1} ms, parallel ({result.DegreeOfParallelism} cores) {result.Parallel.TotalMilliseconds:F1} ms; mean J {result.MeanJ:F6}, mean F {result.MeanF:F6}");
        Assert.Equal(EvaluationBenchmark.DavisValidationMaskCount, result.MaskCount);
        Assert.InRange(result.MeanJ, 0.0, 1.0);

        // 1376 = 34·40 + 16: the cycled mean weights the first 16 frames once more.
        double expected = 0;
        for (int i = 0; i < result.MaskCount; i++)
        {
            expected += once.Frames[i % truths.Count].J;
        }

        Assert.Equal(expected / result.MaskCount, result.MeanJ, 9);
    }
}
