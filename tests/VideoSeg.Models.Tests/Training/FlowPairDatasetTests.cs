using System.Linq;
using VideoSeg.Core.Formats;
using VideoSeg.Core.Imaging;
using VideoSeg.Core.Pipeline;
using VideoSeg.Models.Loss;
using VideoSeg.Models.Training;
using Xunit;

namespace VideoSeg.Models.Tests.Training;

public sealed class FlowPairDatasetTests : IClassFixture<TinySuiteFixture>
{
    private readonly TinySuiteFixture _suite;

    public FlowPairDatasetTests(TinySuiteFixture suite) => _suite = suite;

    [Fact]
    public void Batches_have_the_input_shape_and_the_first_gaps_flow()
    {
        var dataset = new FlowPairDataset(_suite.Layout, _suite.FlowsRoot, GapPairSampler.DavisGaps, 4, 48, 64, seed: 3);

        using FlowPairBatch batch = dataset.NextBatch();

        Assert.Equal(new long[] { 4, 3, 48, 64 }, batch.Images.shape);
        Assert.Equal(new long[] { 4, 2, 48, 64 }, batch.Flows.shape);
        Assert.InRange(batch.Images.min().item<float>(), 0f, 255f);
        Assert.InRange(batch.Images.max().item<float>(), 1f, 255f);
        for (int b = 0; b < 4; b++)
        {
            GapPairSample sample = batch.Samples[b];
            var sequence = dataset.Sequences[sample.Sequence];
            FlowField expected = FloFormat.Read(DatasetLayout.FlowPath(_suite.FlowsRoot, sample.Pair.First, sequence.Name, sequence.FrameStems[sample.Frame]));
            Assert.Equal(expected.Data[0], batch.Flows[b, 0, 0, 0].item<float>());
            Assert.Equal(expected.Data[1], batch.Flows[b, 1, 0, 0].item<float>());
            Assert.Equal(expected.Data[(2 * ((47 * 64) + 63)) + 1], batch.Flows[b, 1, 47, 63].item<float>());
        }
    }

    [Fact]
    public void The_stream_is_fixed_by_the_seed_and_skip_replays_it()
    {
        var first = new FlowPairDataset(_suite.Layout, _suite.FlowsRoot, GapPairSampler.DavisGaps, 4, 48, 64, seed: 5);
        var second = new FlowPairDataset(_suite.Layout, _suite.FlowsRoot, GapPairSampler.DavisGaps, 4, 48, 64, seed: 5);
        var other = new FlowPairDataset(_suite.Layout, _suite.FlowsRoot, GapPairSampler.DavisGaps, 4, 48, 64, seed: 6);

        var firstStream = Enumerable.Range(0, 5).SelectMany(_ => first.NextSamples()).ToArray();
        var otherStream = Enumerable.Range(0, 5).SelectMany(_ => other.NextSamples()).ToArray();
        second.Skip(3);
        using FlowPairBatch fourth = second.NextBatch();

        Assert.Equal(firstStream.Skip(12).Take(4), fourth.Samples);
        Assert.NotEqual(firstStream, otherStream);
    }
}
