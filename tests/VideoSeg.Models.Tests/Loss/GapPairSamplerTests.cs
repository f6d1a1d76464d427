using System.Collections.Generic;
using System.Linq;
using VideoSeg.Core;
using VideoSeg.Models.Loss;
using Xunit;

namespace VideoSeg.Models.Tests.Loss;

public sealed class GapPairSamplerTests
{
    [Fact]
    public void Pairs_AreTheCombinationsOfTwoGapsInItertoolsOrder()
    {
        var sampler = new GapPairSampler(GapPairSampler.DavisGaps, 42);

        GapPair[] expected =
        [
            new(1, 2), new(1, -1), new(1, -2), new(2, -1), new(2, -2), new(-1, -2),
        ];
        Assert.Equal(expected, sampler.Pairs);
    }

    [Fact]
    public void QualifyingFrames_NeedBothFlowsInsideTheSequence()
    {
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7], GapPairSampler.QualifyingFrames(10, new GapPair(1, 2)));
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], GapPairSampler.QualifyingFrames(10, new GapPair(1, -1)));
        Assert.Equal([2, 3, 4, 5, 6, 7], GapPairSampler.QualifyingFrames(10, new GapPair(2, -2)));
        Assert.Equal([2, 3, 4, 5, 6, 7, 8, 9], GapPairSampler.QualifyingFrames(10, new GapPair(-1, -2)));
        Assert.Empty(GapPairSampler.QualifyingFrames(2, new GapPair(1, 2)));
        Assert.False(GapPairSampler.HasFlow(10, 9, 1));
        Assert.True(GapPairSampler.HasFlow(10, 9, -2));
    }

    [Fact]
    public void NextForFrame_NearTheEnds_OnlyOffersPairsWhoseFlowsExist()
    {
        var sampler = new GapPairSampler(GapPairSampler.DavisGaps, 1);

        for (int i = 0; i < 50; i++)
        {
            Assert.Equal(new GapPair(1, 2), sampler.NextForFrame(20, 0));
            Assert.Equal(new GapPair(-1, -2), sampler.NextForFrame(20, 19));
            GapPair? second = sampler.NextForFrame(20, 1);
            Assert.Contains(second!.Value, new[] { new GapPair(1, 2), new GapPair(1, -1), new GapPair(2, -1) });
        }

        Assert.Null(sampler.NextForFrame(2, 0));
        Assert.Null(sampler.NextForFrame(1, 0));
    }

    [Fact]
    public void NextForFrame_InTheMiddle_DrawsEveryPair()
    {
        var sampler = new GapPairSampler(GapPairSampler.DavisGaps, 2);

        var seen = new HashSet<GapPair>();
        for (int i = 0; i < 200; i++)
        {
            seen.Add(sampler.NextForFrame(20, 10)!.Value);
        }

        Assert.Equal(sampler.Pairs.ToHashSet(), seen);
    }

    [Fact]
    public void Next_IsDeterministicForASeedAndDiffersAcrossSeeds()
    {
        int[] lengths = [30, 45, 8, 60];

        List<GapPairSample> first = Draw(new GapPairSampler(GapPairSampler.DavisGaps, 42), lengths, 100);
        List<GapPairSample> again = Draw(new GapPairSampler(GapPairSampler.DavisGaps, 42), lengths, 100);
        List<GapPairSample> other = Draw(new GapPairSampler(GapPairSampler.DavisGaps, 43), lengths, 100);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Next_DrawsOnlyQualifyingFramesAndFollowsGwmsFirstGapFrequencies()
    {
        var sampler = new GapPairSampler(GapPairSampler.DavisGaps, 7);
        int[] lengths = [30, 45, 8, 60];
        const int Draws = 12000;

        List<GapPairSample> samples = Draw(sampler, lengths, Draws);

        Assert.All(samples, s => Assert.True(GapPairSampler.Qualifies(lengths[s.Sequence], s.Frame, s.Pair)));
        Dictionary<int, int> firstGaps = samples.GroupBy(s => s.Pair.First).ToDictionary(g => g.Key, g => g.Count());
        Assert.False(firstGaps.ContainsKey(-2));
        Assert.InRange(firstGaps[1] / (double)Draws, 0.47, 0.53);
        Assert.InRange(firstGaps[2] / (double)Draws, 0.30, 0.37);
        Assert.InRange(firstGaps[-1] / (double)Draws, 0.14, 0.19);
        Assert.Equal(lengths.Length, samples.Select(s => s.Sequence).Distinct().Count());
    }

    [Fact]
    public void Next_SkipsSequencesTooShortForAPair()
    {
        var sampler = new GapPairSampler(GapPairSampler.DavisGaps, 3);
        int[] lengths = [2, 4];

        List<GapPairSample> samples = Draw(sampler, lengths, 300);

        Assert.All(samples, s => Assert.Equal(1, s.Sequence));
        Assert.Throws<VideoSegException>(() => sampler.Next([2, 1]));
    }

    [Fact]
    public void Constructor_RejectsAZeroOrRepeatedGap()
    {
        Assert.Throws<VideoSegException>(() => new GapPairSampler([1, 0], 0));
        Assert.Throws<VideoSegException>(() => new GapPairSampler([1, 1], 0));
        Assert.Throws<VideoSegException>(() => new GapPairSampler([1], 0));
    }

    private static List<GapPairSample> Draw(GapPairSampler sampler, IReadOnlyList<int> lengths, int count) =>
        Enumerable.Range(0, count).Select(_ => sampler.Next(lengths)).ToList();
}
