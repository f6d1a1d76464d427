using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using VideoSeg.Core;
using VideoSeg.Core.Imaging;
using VideoSeg.Models.Raft;
using VideoSeg.Models.Tests.Network;
using VideoSeg.TestUtilities;
using Xunit;
using static TorchSharp.torch;

namespace VideoSeg.Models.Tests.Raft;

// RAFT's forward pass holds the process-wide no-GC region, as GwmTrainer's steps do: never both at once.
[Collection(nameof(SharedTorchGenerator))]
public sealed class RaftFlowEstimatorTests
{
    [Fact]
    public void APairsFlowDoesNotDependOnTheOtherPairsOfItsCall()
    {
        using var temp = new TempDirectory();
        using var network = new RaftNetwork(RaftVariant.Small);
        RaftCheckpoints.Load(network, RaftFixture.ExtractWeights("raft-small", temp.Path));
        using var estimator = new RaftFlowEstimator(network, new RaftOptions(RaftVariant.Small, 3), CPU);
        IReadOnlyList<RgbImage> first = RaftFixture.Frames("image1");
        IReadOnlyList<RgbImage> second = RaftFixture.Frames("image2");

        IReadOnlyList<FlowField> together = estimator.Estimate(first, second, CancellationToken.None);
        FlowField alone = Assert.Single(estimator.Estimate([first[1]], [second[1]], CancellationToken.None));

        float difference = together[1].Data.Zip(alone.Data, (a, b) => Math.Abs(a - b)).Max();
        Assert.InRange(difference, 0f, 1e-4f);
        Assert.Equal("raft-small", estimator.Name);
    }

    [Fact]
    public void FramesTooSmallForTheCoarsestCorrelationLevelAreOneArgumentError()
    {
        using var network = new RaftNetwork(RaftVariant.Small);
        using var estimator = new RaftFlowEstimator(network, new RaftOptions(RaftVariant.Small), CPU);
        var frame = new RgbImage(224, 120, new byte[224 * 120 * 3]);

        VideoSegException error = Assert.Throws<VideoSegException>(() => estimator.Estimate([frame], [frame], CancellationToken.None));

        Assert.Equal(ErrorCodes.InvalidArgument, error.Code);
        Assert.Contains("at least 121×121 pixels", error.Message, StringComparison.Ordinal);
        Assert.Contains("224×120", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoPairsGiveNoFlowsAndUnequalListsAreAnArgumentError()
    {
        using var network = new RaftNetwork(RaftVariant.Small);
        using var estimator = new RaftFlowEstimator(network, new RaftOptions(RaftVariant.Small), CPU);
        var frame = new RgbImage(128, 128, new byte[128 * 128 * 3]);

        Assert.Empty(estimator.Estimate([], [], CancellationToken.None));
        VideoSegException error = Assert.Throws<VideoSegException>(() => estimator.Estimate([frame], [], CancellationToken.None));
        Assert.Equal(ErrorCodes.InvalidArgument, error.Code);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(RaftOptions.MaximumIterations + 1)]
    public void AnIterationCountOutOfRangeIsAnArgumentError(int iterations)
    {
        VideoSegException error = Assert.Throws<VideoSegException>(() => new RaftOptions(RaftVariant.Full, iterations).Validate());

        Assert.Equal(ErrorCodes.InvalidArgument, error.Code);
        Assert.Contains("--raft-iterations", error.Message, StringComparison.Ordinal);
    }
}
