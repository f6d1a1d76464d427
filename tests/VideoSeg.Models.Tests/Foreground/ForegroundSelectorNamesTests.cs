using System;
using VideoSeg.Core;
using VideoSeg.Models.Foreground;
using Xunit;

namespace VideoSeg.Models.Tests.Foreground;

public sealed class ForegroundSelectorNamesTests
{
    [Theory]
    [InlineData("corner-rule", typeof(CornerRuleSelector))]
    [InlineData("motion-residual", typeof(MotionResidualSelector))]
    [InlineData("oracle-iou", typeof(OracleIoUSelector))]
    public void EachNameParsesToItsKindAndSelector(string name, Type selector)
    {
        ForegroundSelectorKind kind = ForegroundSelectorNames.Parse(name);

        Assert.Equal(name, ForegroundSelectorNames.Name(kind));
        Assert.IsType(selector, ForegroundSelectorNames.Create(kind));
    }

    [Fact]
    public void AnUnknownNameIsOneArgumentErrorListingTheKnownOnes()
    {
        var error = Assert.Throws<VideoSegException>(() => ForegroundSelectorNames.Parse("largest"));

        Assert.Equal(ErrorCodes.InvalidArgument, error.Code);
        Assert.Contains("corner-rule, motion-residual, oracle-iou", error.Message, StringComparison.Ordinal);
        Assert.Equal(Enum.GetValues<ForegroundSelectorKind>().Length, ForegroundSelectorNames.All.Length);
    }
}
