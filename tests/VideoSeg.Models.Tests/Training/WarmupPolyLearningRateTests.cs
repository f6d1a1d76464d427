using VideoSeg.Core;
using VideoSeg.Models.Training;
using Xunit;

namespace VideoSeg.Models.Tests.Training;

public sealed class WarmupPolyLearningRateTests
{
    [Theory]
    [InlineData(0, 0.1)]
    [InlineData(2, 0.44)]
    [InlineData(4, 0.6)]
    [InlineData(7, 0.3)]
    [InlineData(10, 0.0)]
    public void Linear_warmup_then_linear_decay_matches_hand_values(int iteration, double expected)
    {
        // base 1, max 10, warm-up 4 from 0.1, power 1: lr = (0.1 (1 - i/4) + i/4) (1 - i/10) during warm-up.
        var schedule = new WarmupPolyLearningRate(1.0, 10, 4, 0.1, 1.0);

        Assert.Equal(expected, schedule.At(iteration), 12);
    }

    [Fact]
    public void Poly_power_applies_after_warmup()
    {
        var schedule = new WarmupPolyLearningRate(2.0, 10, 0, 1.0, 0.9);

        Assert.Equal(2.0, schedule.At(0), 12);
        Assert.Equal(2.0 * 0.5358867312681466, schedule.At(5), 12);
    }

    [Fact]
    public void Gwm_defaults_give_detectron2_values()
    {
        WarmupPolyLearningRate schedule = new GwmTrainingOptions().Schedule;

        Assert.Equal(1.5, schedule.At(0) * 1e10, 12);
        Assert.Equal(7.468359414803146e-05, schedule.At(750), 15);
        Assert.Equal(0.000148733779688848, schedule.At(1500), 15);
        Assert.Equal(160_000, schedule.MaxIterations);
    }

    [Fact]
    public void Iterations_outside_the_schedule_are_refused()
    {
        var schedule = new WarmupPolyLearningRate(1.0, 10, 4, 0.1, 1.0);

        Assert.Equal(ErrorCodes.InvalidArgument, Assert.Throws<VideoSegException>(() => schedule.At(-1)).Code);
        Assert.Equal(ErrorCodes.InvalidArgument, Assert.Throws<VideoSegException>(() => schedule.At(11)).Code);
        Assert.Throws<VideoSegException>(() => new WarmupPolyLearningRate(0, 10, 4, 0.1, 1.0));
    }
}
