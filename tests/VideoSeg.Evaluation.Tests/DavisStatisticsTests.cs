using System;
using Xunit;

namespace VideoSeg.Evaluation.Tests;

public sealed class DavisStatisticsTests
{
    // Expected edges printed by numpy 1.24: (np.round(np.linspace(1, N, 5) + 1e-10) - 1).astype(np.uint8).
    [Theory]
    [InlineData(1, new[] { 0, 0, 0, 0, 0 })]
    [InlineData(2, new[] { 0, 0, 1, 1, 1 })]
    [InlineData(3, new[] { 0, 1, 1, 2, 2 })]
    [InlineData(4, new[] { 0, 1, 2, 2, 3 })]
    [InlineData(6, new[] { 0, 1, 3, 4, 5 })]
    [InlineData(7, new[] { 0, 2, 3, 5, 6 })]
    [InlineData(10, new[] { 0, 2, 5, 7, 9 })]
    [InlineData(40, new[] { 0, 10, 20, 29, 39 })]
    [InlineData(100, new[] { 0, 25, 50, 74, 99 })]
    [InlineData(256, new[] { 0, 64, 128, 191, 255 })]
    [InlineData(257, new[] { 0, 64, 128, 192, 0 })]
    [InlineData(300, new[] { 0, 75, 150, 224, 43 })]
    public void DecayBinEdgesMatchNumpy(int count, int[] expected)
    {
        Assert.Equal(expected, DavisStatistics.DecayBinEdges(count));
    }

    [Fact]
    public void HalvesRoundUpNotToEven()
    {
        // N = 4: linspace = 1, 1.75, 2.5, 3.25, 4; numpy's round would send 2.5 to 2, the toolkit's
        // + 1e-10 sends it to 3, so the middle edge is 2, not 1.
        Assert.Equal(2, DavisStatistics.DecayBinEdges(4)[2]);
    }

    [Fact]
    public void MeanRecallAndDecayOfFourFrames()
    {
        // Edges 0,1,2,2,3: first bin = frames 0..1, last bin = frames 2..3.
        MetricStatistics statistics = DavisStatistics.Compute([1.0, 0.9, 0.5, 0.1]);
        Assert.Equal(0.625, statistics.Mean, 12);
        Assert.Equal(0.5, statistics.Recall, 12); // 0.5 itself is not above 0.5
        Assert.Equal(0.95 - 0.3, statistics.Decay, 12);
    }

    [Fact]
    public void BinsShareTheirEdgeFrames()
    {
        // N = 9: edges 0,2,4,6,8; first bin = frames 0..2, last bin = frames 6..8.
        double[] values = [9, 8, 7, 6, 5, 4, 3, 2, 1];
        Assert.Equal(8.0 - 2.0, DavisStatistics.Compute(values).Decay, 12);
    }

    [Fact]
    public void NaNValuesAreSkippedInMeansButNotInRecall()
    {
        MetricStatistics statistics = DavisStatistics.Compute([1.0, double.NaN, 0.0, 1.0]);
        Assert.Equal(2.0 / 3.0, statistics.Mean, 12);
        Assert.Equal(0.5, statistics.Recall, 12);
    }

    [Fact]
    public void LongSequenceDecayIsNaNLikeTheToolkit()
    {
        var values = new double[257];
        Array.Fill(values, 0.7);
        MetricStatistics statistics = DavisStatistics.Compute(values);
        Assert.Equal(0.7, statistics.Mean, 12);
        Assert.True(double.IsNaN(statistics.Decay));
    }

    [Fact]
    public void NoValuesGiveNaN()
    {
        MetricStatistics statistics = DavisStatistics.Compute([]);
        Assert.True(double.IsNaN(statistics.Mean));
        Assert.True(double.IsNaN(statistics.Recall));
        Assert.True(double.IsNaN(statistics.Decay));
    }
}
