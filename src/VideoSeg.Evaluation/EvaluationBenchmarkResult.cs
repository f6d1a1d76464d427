using System;

namespace VideoSeg.Evaluation;

/// <summary>Timings of scoring J and F over a set of mask pairs.</summary>
/// <param name="MaskCount">Mask pairs scored per pass.</param>
/// <param name="Width">Mask width.</param>
/// <param name="Height">Mask height.</param>
/// <param name="SingleThreaded">One pass on one thread.</param>
/// <param name="Parallel">One pass through <see cref="SequenceEvaluator"/>, frames in parallel.</param>
/// <param name="DegreeOfParallelism">The processor count available to the parallel pass.</param>
/// <param name="MeanJ">Mean J of the pass, so the work cannot be optimised away and runs can be compared.</param>
/// <param name="MeanF">Mean F of the pass.</param>
public sealed record EvaluationBenchmarkResult(
    int MaskCount,
    int Width,
    int Height,
    TimeSpan SingleThreaded,
    TimeSpan Parallel,
    int DegreeOfParallelism,
    double MeanJ,
    double MeanF);
