using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using VideoSeg.Core;
using VideoSeg.Core.Experiments;
using VideoSeg.Core.FineTuning;
using VideoSeg.Models.FineTuning;
using Xunit;

namespace VideoSeg.Models.Tests.FineTuning;

public sealed class StoppingRuleTests
{
    private static readonly StoppingRuleSettings s_options = new() { Window = 2, MinRelativeImprovement = 0.01, MaxMaskChange = 0.3, MaxAreaChange = 0.25 };

    [Fact]
    public void AChangedMaskReportsTheLastModelStillCloseToTheStart()
    {
        GroundTruthFreeSignals[] run = [Row(0, double.NaN, 0.1, 0), Row(10, 1.0, 0.1, 0.1), Row(20, 0.9, 0.1, 0.25), Row(30, 0.8, 0.1, 0.31), Row(40, 0.7, 0.1, 0.2)];

        Assert.Equal(new StoppingDecision(20, "mask-change"), StoppingRule.Choose(run, s_options));
    }

    [Fact]
    public void ProbabilitiesThatMoveWithoutMovingTheMaskDoNotStop()
    {
        // The soft drift is recorded but not a criterion: a decoder can move background probabilities far below 0.5.
        GroundTruthFreeSignals[] run = [Row(0, double.NaN, 0.1, 0), new(10, 1.0, 0.1, 0.9, 0.01), new(20, 0.5, 0.1, 0.9, 0.02)];

        Assert.Equal(new StoppingDecision(20, "end"), StoppingRule.Choose(run, s_options));
    }

    [Fact]
    public void AGrowingForegroundReportsTheModelBeforeIt()
    {
        // 0.1 → 0.126 is a 26% growth of the starting area.
        GroundTruthFreeSignals[] run = [Row(0, double.NaN, 0.1, 0), Row(10, 1.0, 0.11, 0.01), Row(20, 0.9, 0.126, 0.02)];

        Assert.Equal(new StoppingDecision(10, "area-change"), StoppingRule.Choose(run, s_options));
    }

    [Fact]
    public void APlateauOfTheConsistencyLossStopsThere()
    {
        // Windows of 2 evaluations: (1.0, 0.8) → mean 0.9, (0.7, 0.6) → 0.65, (0.6, 0.6) → 0.6, (0.6, 0.599) → 0.5995.
        GroundTruthFreeSignals[] run = [Row(0, double.NaN, 0.1, 0), Row(2, 1.0, 0.1, 0), Row(4, 0.8, 0.1, 0), Row(6, 0.7, 0.1, 0), Row(8, 0.6, 0.1, 0), Row(10, 0.6, 0.1, 0), Row(12, 0.599, 0.1, 0)];

        // At i = 4: 0.65 vs 0.9, improving; at i = 5: (0.6, 0.6) vs (0.8, 0.7), improving; at i = 6: (0.6, 0.599) vs (0.7, 0.6) = 0.5995 vs 0.65, still 7.8%.
        Assert.Equal(new StoppingDecision(12, "end"), StoppingRule.Choose(run, s_options));
        GroundTruthFreeSignals[] flat = [.. run, Row(14, 0.6, 0.1, 0), Row(16, 0.6, 0.1, 0)];
        // At i = 7: (0.599, 0.6) → 0.5995 vs (0.6, 0.6) → 0.6: 0.08% < 1%.
        Assert.Equal(new StoppingDecision(14, "plateau"), StoppingRule.Choose(flat, s_options));
    }

    [Fact]
    public void ItReadsNoGroundTruth()
    {
        // The rule sees GroundTruthFreeSignals only, and they carry nothing measured against the ground truth.
        Assert.Equal(
            ["Consistency", "Drift", "ForegroundFraction", "Iteration", "MaskChange"],
            typeof(GroundTruthFreeSignals).GetProperties().Select(p => p.Name).Where(n => n != "EqualityContract").Order());
        IEnumerable<Type> inputs = typeof(StoppingRule).GetMethods(BindingFlags.Public | BindingFlags.Static).SelectMany(m => m.GetParameters()).Select(p => p.ParameterType);
        Assert.All(inputs, t => Assert.Contains(t, new[] { typeof(IReadOnlyList<GroundTruthFreeSignals>), typeof(StoppingRuleSettings) }));
    }

    [Fact]
    public void TheSameSignalsGiveTheSameDecision()
    {
        var random = new Random(3);
        GroundTruthFreeSignals[] run = Enumerable.Range(0, 40).Select(i => Row(i * 5, i == 0 ? double.NaN : 1.0 / (1 + i) + (0.01 * random.NextDouble()), 0.1 + (0.0001 * i), 0.001 * i)).ToArray();

        StoppingDecision first = StoppingRule.Choose(run, s_options);

        Assert.Equal(first, StoppingRule.Choose(run.ToArray(), s_options));
    }

    [Fact]
    public void ARunMustStartAtTheStartingModel()
    {
        var error = Assert.Throws<VideoSegException>(() => StoppingRule.Choose([Row(2, 1.0, 0.1, 0)], s_options));

        Assert.Equal(ErrorCodes.InvalidArgument, error.Code);
    }

    private static GroundTruthFreeSignals Row(int iteration, double consistency, double area, double maskChange) => new(iteration, consistency, area, Drift: 0.5, maskChange);
}
