using System.Collections.Generic;
using VideoSeg.Core;
using VideoSeg.Core.Imaging;
using VideoSeg.Flow.Occlusion;
using VideoSeg.Testing;
using Xunit;
using static TorchSharp.torch;

namespace VideoSeg.Flow.Tests.Occlusion;

public sealed class SequenceFlowsTests
{
    [Fact]
    public void FromFlowFields_KeepsFlowsAndLeavesOutsideFramesNull()
    {
        using SequenceFlows flows = TinyTranslation.Translation(frameCount: 3, maxGap: 2);
        Assert.Equal(new[] { -2, -1, 1, 2 }, flows.Gaps);
        Assert.Null(flows.GetFlow(1, 2));
        Assert.Null(flows.GetFlow(-1, 0));
        Assert.Null(flows.GetFlow(2, 1));
        FlowField? twoAhead = flows.GetFlow(2, 0);
        Assert.NotNull(twoAhead);
        Assert.Equal(2f, twoAhead.U(3, 1));
        Assert.Equal(-1f, flows.GetFlow(-1, 2)!.U(0, 0));
    }

    [Fact]
    public void Visibility_PairsEachFlowWithTheOppositeFlowOfItsTarget()
    {
        // One pixel per frame to the right: under the forward flow the last column leaves the frame (occluded),
        // under the backward flow the first one does.
        using SequenceFlows flows = TinyTranslation.Translation(frameCount: 3, maxGap: 2);
        Assert.Equal(new[] { 0, 1, 2, 3, 4 }, TinyTranslation.ColumnsOf(flows.GetVisibility(1, 0)!));
        Assert.Equal(new[] { 1, 2, 3, 4, 5 }, TinyTranslation.ColumnsOf(flows.GetVisibility(-1, 2)!));
        Assert.Equal(new[] { 0, 1, 2, 3 }, TinyTranslation.ColumnsOf(flows.GetVisibility(2, 0)!));
        Assert.Null(flows.GetVisibility(2, 1));
    }

    [Fact]
    public void Visibility_MatchesTheOcclusionCheckOfTheSamePair()
    {
        var forward = new FlowField(TinyTranslation.Width, TinyTranslation.Height);
        var backward = new FlowField(TinyTranslation.Width, TinyTranslation.Height);
        forward.Data[2 * 3] = 2;      // pixel (3, 0) claims to move 2 px right, nothing comes back
        backward.Data[2 * 1] = -1;
        var byGap = new Dictionary<int, IReadOnlyList<FlowField?>>
        {
            [1] = [forward, null],
            [-1] = [null, backward],
        };
        using SequenceFlows flows = SequenceFlows.FromFlowFields(2, byGap, OcclusionOptions.Default, CPU);
        BinaryMask expected = UnFlowOcclusion.Visibility(forward, backward, OcclusionOptions.Default);
        Assert.Equal(expected.Data, flows.GetVisibility(1, 0)!.Data);
        Assert.False(expected[3, 0]);
    }

    [Fact]
    public void MissingInnerFlow_Throws()
    {
        var byGap = new Dictionary<int, IReadOnlyList<FlowField?>>
        {
            [1] = [TinyTranslation.Uniform(1, 0), null, null],
        };
        var error = Assert.Throws<VideoSegException>(() => SequenceFlows.FromFlowFields(3, byGap, OcclusionOptions.Default, CPU));
        Assert.Equal(ErrorCodes.MissingFile, error.Code);
    }

    [Fact]
    public void VisibilityWithoutOppositeGap_Throws()
    {
        var byGap = new Dictionary<int, IReadOnlyList<FlowField?>>
        {
            [1] = [TinyTranslation.Uniform(1, 0), null],
        };
        using SequenceFlows flows = SequenceFlows.FromFlowFields(2, byGap, OcclusionOptions.Default, CPU);
        Assert.False(flows.HasVisibility(1));
        Assert.Throws<VideoSegException>(() => flows.Visibility(1));
    }
}
