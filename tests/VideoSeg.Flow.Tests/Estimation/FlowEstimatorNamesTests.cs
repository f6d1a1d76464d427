using System;
using VideoSeg.Core;
using VideoSeg.Flow.Estimation;
using Xunit;

namespace VideoSeg.Flow.Tests.Estimation;

public sealed class FlowEstimatorNamesTests
{
    [Fact]
    public void EveryNameParsesToAKindWhoseNameItIs()
    {
        foreach (string name in FlowEstimatorNames.All)
        {
            Assert.Equal(name, FlowEstimatorNames.Name(FlowEstimatorNames.Parse(name)));
        }

        Assert.Equal(Enum.GetValues<FlowEstimatorKind>().Length, FlowEstimatorNames.All.Length);
    }

    [Fact]
    public void AnUnknownNameIsOneArgumentErrorListingTheKnownOnes()
    {
        var error = Assert.Throws<VideoSegException>(() => FlowEstimatorNames.Parse("pwc-net"));

        Assert.Equal(ErrorCodes.InvalidArgument, error.Code);
        Assert.Contains("tvl1, tvl1-fast, groundtruth, import-flo, import-npy, raft, raft-small", error.Message, StringComparison.Ordinal);
    }
}
