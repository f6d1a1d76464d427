using System;
using VideoSeg.Core;
using VideoSeg.Models.BaseMasks;
using Xunit;

namespace VideoSeg.Models.Tests.BaseMasks;

public sealed class BaseMaskSourceNamesTests
{
    [Fact]
    public void EveryNameParsesToAKindWhoseNameItIs()
    {
        foreach (string name in BaseMaskSourceNames.All)
        {
            Assert.Equal(name, BaseMaskSourceNames.Name(BaseMaskSourceNames.Parse(name)));
        }

        Assert.Equal(Enum.GetValues<BaseMaskSourceKind>().Length, BaseMaskSourceNames.All.Length);
    }

    [Fact]
    public void AnUnknownNameIsOneArgumentErrorListingTheKnownOnes()
    {
        var error = Assert.Throws<VideoSegException>(() => BaseMaskSourceNames.Parse("dino"));

        Assert.Equal(ErrorCodes.InvalidArgument, error.Code);
        Assert.Contains("motion, import, gwm", error.Message, StringComparison.Ordinal);
    }
}
