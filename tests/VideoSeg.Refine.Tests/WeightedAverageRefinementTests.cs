using System.Collections.Generic;
using System.Threading;
using VideoSeg.Core;
using VideoSeg.Core.Imaging;
using VideoSeg.Flow.Occlusion;
using VideoSeg.Testing;
using Xunit;

namespace VideoSeg.Refine.Tests;

public sealed class WeightedAverageRefinementTests
{
    // Masks of a 3-frame sequence moving 1 px right per frame (columns; rows identical).
    private static readonly BinaryMask[] s_masks = [TinyTranslation.Columns(1, 2, 5), TinyTranslation.Columns(2, 4), TinyTranslation.Columns(3, 4, 5)];

    [Fact]
    public void GapOne_WithCurrent_MatchesHandComputedRatios()
    {
        // Frame 0: sum = [0,2,1,1,0,1], norm = [2,2,2,2,2,1] → ratio [0,1,.5,.5,0,1] → {1,5} (0.5 is not above 0.5).
        // Frame 1: sum = [0,0,3,2,2,0], norm = [2,3,3,3,3,2] → [0,0,1,2/3,2/3,0] → {2,3,4}.
        // Frame 2: sum = [0,0,0,2,1,2], norm = [1,2,2,2,2,2] → [0,0,0,1,.5,1] → {3,5}.
        IReadOnlyList<BinaryMask> refined = Run([1], includeCurrent: true, frames: 3, maxGap: 1);
        Assert.Equal(new[] { 1, 5 }, TinyTranslation.ColumnsOf(refined[0]));
        Assert.Equal(new[] { 2, 3, 4 }, TinyTranslation.ColumnsOf(refined[1]));
        Assert.Equal(new[] { 3, 5 }, TinyTranslation.ColumnsOf(refined[2]));
    }

    [Fact]
    public void GapOne_WithoutCurrent_FollowsTheEquationsAndKeepsMaskWhereNormalizerIsZero()
    {
        // Frame 0: sum = [0,1,0,1,0,0], norm = [1,1,1,1,1,0] → {1,3} plus column 5 kept from mask_0.
        // Frame 1: sum = [0,0,2,2,1,0], norm = [1,2,2,2,2,1] → [0,0,1,1,.5,0] → {2,3}.
        // Frame 2: sum = [0,0,0,1,0,1], norm = [0,1,1,1,1,1] → {3,5} (column 0 kept: 0).
        IReadOnlyList<BinaryMask> refined = Run([1], includeCurrent: false, frames: 3, maxGap: 1);
        Assert.Equal(new[] { 1, 3, 5 }, TinyTranslation.ColumnsOf(refined[0]));
        Assert.Equal(new[] { 2, 3 }, TinyTranslation.ColumnsOf(refined[1]));
        Assert.Equal(new[] { 3, 5 }, TinyTranslation.ColumnsOf(refined[2]));
    }

    [Fact]
    public void GapsOneAndTwo_AddHalfWeightedTermsFromTwoFramesAway()
    {
        // Frame 0 adds ½·prop^b from frame 2 = ½·[0,1,1,1,0,0] and ½·O^b_new = ½·[1,1,1,1,0,0]:
        //   sum [0,2.5,1.5,1.5,0,1] / norm [2.5,2.5,2.5,2.5,2,1] → [0,1,.6,.6,0,1] → {1,2,3,5}.
        // Frame 2 adds ½·[0,0,0,1,1,0] and ½·[0,0,1,1,1,1]:
        //   sum [0,0,0,2.5,1.5,2] / norm [1,2,2.5,2.5,2.5,2.5] → [0,0,0,1,.6,.8] → {3,4,5}.
        // Frame 1 has no neighbour two frames away in a 3-frame sequence: as with gap 1.
        IReadOnlyList<BinaryMask> refined = Run([1, 2], includeCurrent: true, frames: 3, maxGap: 2);
        Assert.Equal(new[] { 1, 2, 3, 5 }, TinyTranslation.ColumnsOf(refined[0]));
        Assert.Equal(new[] { 2, 3, 4 }, TinyTranslation.ColumnsOf(refined[1]));
        Assert.Equal(new[] { 3, 4, 5 }, TinyTranslation.ColumnsOf(refined[2]));
    }

    [Fact]
    public void InvalidGaps_Throw()
    {
        var error = Assert.Throws<VideoSegException>(() => new WeightedAverageRefinement(new WeightedAverageRefinementOptions([1, 0])));
        Assert.Equal(ErrorCodes.InvalidArgument, error.Code);
    }

    private static IReadOnlyList<BinaryMask> Run(int[] gaps, bool includeCurrent, int frames, int maxGap)
    {
        using SequenceFlows flows = TinyTranslation.Translation(frames, maxGap);
        var refinement = new WeightedAverageRefinement(new WeightedAverageRefinementOptions(gaps, includeCurrent));
        return refinement.Refine(s_masks, flows, CancellationToken.None);
    }
}
