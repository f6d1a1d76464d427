using System.Collections.Generic;
using System.Threading;
using VideoSeg.Core.Imaging;
using VideoSeg.Flow.Occlusion;
using VideoSeg.Testing;
using Xunit;
using static TorchSharp.torch;

namespace VideoSeg.Refine.Tests;

public sealed class InitialRefinementTests
{
    [Fact]
    public void AddsTheVisibleWarpedPreviousMask_FromOriginalMasks()
    {
        // Moving 1 px right per frame. refined_1 = shift({1,2}) ∪ {4} = {2,3,4};
        // refined_2 = shift(O ∧ original mask_1 = {4}) ∪ {} = {5}; frame 0 unchanged.
        using SequenceFlows flows = TinyTranslation.Translation(frameCount: 3, maxGap: 1);
        IReadOnlyList<BinaryMask> refined = new InitialRefinement().Refine(
            [TinyTranslation.Columns(1, 2), TinyTranslation.Columns(4), TinyTranslation.Columns()], flows, CancellationToken.None);
        Assert.Equal(new[] { 1, 2 }, TinyTranslation.ColumnsOf(refined[0]));
        Assert.Equal(new[] { 2, 3, 4 }, TinyTranslation.ColumnsOf(refined[1]));
        Assert.Equal(new[] { 5 }, TinyTranslation.ColumnsOf(refined[2]));
    }

    [Fact]
    public void OccludedPixelsAreNotCarried()
    {
        // The backward flow at column 3 of frame 1 is 0 instead of −1, so frame 0's column 2 (which lands there) fails
        // the check: O^f_0 ∧ mask_0 = {1}; carried with flow 1→0 it becomes {2}, and column 3 reads w_b = 0 → frame 0's column 3 (empty).
        var backward = TinyTranslation.Uniform(-1, 0);
        backward.Data[2 * 3] = 0;
        backward.Data[2 * (TinyTranslation.Width + 3)] = 0;
        var byGap = new Dictionary<int, IReadOnlyList<FlowField?>>
        {
            [1] = [TinyTranslation.Uniform(1, 0), null],
            [-1] = [null, backward],
        };
        using SequenceFlows flows = SequenceFlows.FromFlowFields(2, byGap, OcclusionOptions.Default, CPU);
        Assert.Equal(new[] { 0, 1, 3, 4 }, TinyTranslation.ColumnsOf(flows.GetVisibility(1, 0)!));
        IReadOnlyList<BinaryMask> refined = new InitialRefinement().Refine([TinyTranslation.Columns(1, 2), TinyTranslation.Columns(5)], flows, CancellationToken.None);
        Assert.Equal(new[] { 2, 5 }, TinyTranslation.ColumnsOf(refined[1]));
    }

    [Fact]
    public void SourceToTargetFlow_ShiftsTheOtherWay()
    {
        // SSL-VOS's convention samples mask_0 at x + flow_{0→1} = x + 1: {1,2} becomes {0,1}.
        using SequenceFlows flows = TinyTranslation.Translation(frameCount: 2, maxGap: 1);
        var refinement = new InitialRefinement(new InitialRefinementOptions(Propagation: PropagationFlow.SourceToTarget));
        IReadOnlyList<BinaryMask> refined = refinement.Refine([TinyTranslation.Columns(1, 2), TinyTranslation.Columns(4)], flows, CancellationToken.None);
        Assert.Equal(new[] { 0, 1, 4 }, TinyTranslation.ColumnsOf(refined[1]));
    }

    [Fact]
    public void PrecomputedVisibilityReplacesTheComputedOne()
    {
        // Visibility loaded from the occlusions stage: column 1 of frame 0 marked occluded, so only column 2 is carried.
        using SequenceFlows flows = TinyTranslation.Translation(frameCount: 2, maxGap: 1);
        BinaryMask visible = TinyTranslation.Columns(0, 2, 3, 4, 5);

        flows.WithVisibility(1, [visible, null]);

        Assert.Equal(new[] { 0, 2, 3, 4, 5 }, TinyTranslation.ColumnsOf(flows.GetVisibility(1, 0)!));
        Assert.Null(flows.GetVisibility(1, 1));
        IReadOnlyList<BinaryMask> refined = new InitialRefinement().Refine([TinyTranslation.Columns(1, 2), TinyTranslation.Columns(5)], flows, CancellationToken.None);
        Assert.Equal(new[] { 3, 5 }, TinyTranslation.ColumnsOf(refined[1]));
    }

    [Fact]
    public void PrecomputedVisibilityMustCoverEveryFlow()
    {
        using SequenceFlows flows = TinyTranslation.Translation(frameCount: 2, maxGap: 1);

        var ex = Assert.Throws<Core.VideoSegException>(() => flows.WithVisibility(1, [null, null]));

        Assert.Equal(Core.ErrorCodes.MissingFile, ex.Code);
    }
}
