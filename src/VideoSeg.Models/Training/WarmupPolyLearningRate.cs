using System;
using VideoSeg.Core;

namespace VideoSeg.Models.Training;

/// <summary>
/// detectron2's <c>WarmupPolyLR</c> (<c>projects/deeplab/lr_scheduler.py</c>) with the linear warm-up of
/// <c>_get_warmup_factor_at_iter</c>: at iteration i (0-based, the number of steps already taken),
/// lr = base × w(i) × (1 − i / max)^power, where w(i) = factor × (1 − i / warmup) + i / warmup for i &lt; warmup and
/// 1 afterwards. GWM's constant ending is 0, so there is none here.
/// </summary>
public sealed class WarmupPolyLearningRate
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="baseLearningRate">The base learning rate.</param>
    /// <param name="maxIterations">The decay's horizon (<c>SOLVER.MAX_ITER</c>).</param>
    /// <param name="warmupIterations">Warm-up length; 0 for none.</param>
    /// <param name="warmupFactor">The factor at iteration 0.</param>
    /// <param name="power">The polynomial power.</param>
    public WarmupPolyLearningRate(double baseLearningRate, int maxIterations, int warmupIterations, double warmupFactor, double power)
    {
        if (!(baseLearningRate > 0) || maxIterations <= 0 || warmupIterations < 0 || !(warmupFactor > 0) || !(power >= 0))
        {
            throw new VideoSegException(
                ErrorCodes.InvalidArgument,
                $"WarmupPolyLR needs a positive base lr and horizon, a non-negative warm-up and power and a positive warm-up factor; got lr {baseLearningRate}, max {maxIterations}, warm-up {warmupIterations}, factor {warmupFactor}, power {power}");
        }

        BaseLearningRate = baseLearningRate;
        MaxIterations = maxIterations;
        WarmupIterations = warmupIterations;
        WarmupFactor = warmupFactor;
        Power = power;
    }

    /// <summary>The base learning rate.</summary>
    public double BaseLearningRate { get; }

    /// <summary>The decay's horizon.</summary>
    public int MaxIterations { get; }

    /// <summary>The warm-up length.</summary>
    public int WarmupIterations { get; }

    /// <summary>The warm-up's factor at iteration 0.</summary>
    public double WarmupFactor { get; }

    /// <summary>The polynomial power.</summary>
    public double Power { get; }

    /// <summary>The learning rate of the step taken at <paramref name="iteration"/> (0 ≤ iteration ≤ max).</summary>
    public double At(long iteration)
    {
        if (iteration < 0 || iteration > MaxIterations)
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, $"iteration {iteration} is outside the schedule [0, {MaxIterations}]");
        }

        double warmup = 1.0;
        if (iteration < WarmupIterations)
        {
            double alpha = (double)iteration / WarmupIterations;
            warmup = (WarmupFactor * (1 - alpha)) + alpha;
        }

        return BaseLearningRate * warmup * Math.Pow(1.0 - ((double)iteration / MaxIterations), Power);
    }
}
