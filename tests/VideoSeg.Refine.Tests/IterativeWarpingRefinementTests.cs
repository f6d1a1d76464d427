using System.Collections.Generic;
using System.Threading;
using VideoSeg.Core.Imaging;
using VideoSeg.Flow.Occlusion;
using VideoSeg.Flow.Warping;
using VideoSeg.Testing;
using Xunit;
using static TorchSharp.torch;

namespace VideoSeg.Refine.Tests;

public sealed class IterativeWarpingRefinementTests
{
    // Moving 1 px right per frame; frame 1 misses column 3.
    private static readonly BinaryMask[] s_masks = [TinyTranslation.Columns(1, 2), TinyTranslation.Columns(2), TinyTranslation.Columns(3, 4)];

    [Fact]
    public void PaperWeights_OneAndTwoIterations_MatchHandComputedSoftMasks()
    {
        // Iteration 1: F0 = .8·m0 + .2·bwd(m1) = [0,1,.8,0,0,0]; F1 = .8·m1 + .2·([0,0,1,1,0,0] + [0,0,1,1,0,0]) = [0,0,1.2,.4,0,0];
        //              F2 = .8·m2 + .2·fwd(m1) = [0,0,0,1,.8,0].
        // Iteration 2: F0 = .8·F0 + .2·[0,1.2,.4,0,0,0] = [0,1.04,.72,0,0,0]; F1 = .8·F1 + .2·([0,0,1,.8,0,0] + [0,0,1,.8,0,0]) = [0,0,1.36,.64,0,0];
        //              F2 = .8·F2 + .2·[0,0,0,1.2,.4,0] = [0,0,0,1.04,.72,0].
        AssertSoft(normalize: false, iterations: 1, [0, 1, .8f, 0, 0, 0], [0, 0, 1.2f, .4f, 0, 0], [0, 0, 0, 1, .8f, 0]);
        AssertSoft(normalize: false, iterations: 2, [0, 1.04f, .72f, 0, 0, 0], [0, 0, 1.36f, .64f, 0, 0], [0, 0, 0, 1.04f, .72f, 0]);
    }

    [Fact]
    public void NormalizedWeights_OneAndTwoIterations_MatchHandComputedSoftMasks()
    {
        // Interior frames average their two neighbours: F1 = .8·m1 + .1·(fwd + bwd).
        // Iteration 1: [0,1,.8,0,0,0], [0,0,1,.2,0,0], [0,0,0,1,.8,0].
        // Iteration 2: F0 = [0,.8,.64,0,0,0] + .2·[0,1,.2,0,0,0] = [0,1,.68,0,0,0]; F1 = [0,0,.8,.16,0,0] + .1·[0,0,2,1.6,0,0] = [0,0,1,.32,0,0];
        //              F2 = [0,0,0,.8,.64,0] + .2·[0,0,0,1,.2,0] = [0,0,0,1,.68,0].
        AssertSoft(normalize: true, iterations: 1, [0, 1, .8f, 0, 0, 0], [0, 0, 1, .2f, 0, 0], [0, 0, 0, 1, .8f, 0]);
        AssertSoft(normalize: true, iterations: 2, [0, 1, .68f, 0, 0, 0], [0, 0, 1, .32f, 0, 0], [0, 0, 0, 1, .68f, 0]);
    }

    [Fact]
    public void RefineAllIterations_ThresholdsEachIterate()
    {
        // Paper weights fill frame 1's hole at iteration 2 (.64 > .5); normalised weights do not (.32).
        using SequenceFlows flows = TinyTranslation.Translation(frameCount: 3, maxGap: 1);
        var paper = new IterativeWarpingRefinement(new IterativeWarpingRefinementOptions(Iterations: 2));
        IReadOnlyList<IReadOnlyList<BinaryMask>> curve = paper.RefineAllIterations(s_masks, flows, CancellationToken.None);
        Assert.Equal(2, curve.Count);
        Assert.Equal(new[] { 2 }, TinyTranslation.ColumnsOf(curve[0][1]));
        Assert.Equal(new[] { 2, 3 }, TinyTranslation.ColumnsOf(curve[1][1]));
        Assert.Equal(new[] { 1, 2 }, TinyTranslation.ColumnsOf(curve[1][0]));
        Assert.Equal(new[] { 3, 4 }, TinyTranslation.ColumnsOf(curve[1][2]));
        var normalized = new IterativeWarpingRefinement(new IterativeWarpingRefinementOptions(Iterations: 2, NormalizeWeights: true));
        Assert.Equal(new[] { 2 }, TinyTranslation.ColumnsOf(normalized.Refine(s_masks, flows, CancellationToken.None)[1]));
    }

    [Fact]
    public void PaperCodeWarp_SamplesOutsideAndDecaysMasksByAlphaPerIteration()
    {
        // Without the division a 1 px flow moves the sampling position by a whole image width, so the update is
        // 0.8·M: 0.8, 0.64, 0.512 stay above 0.5 and 0.4096 at iteration 4 does not.
        using SequenceFlows flows = TinyTranslation.Translation(frameCount: 3, maxGap: 1);
        var refinement = new IterativeWarpingRefinement(IterativeWarpingRefinementOptions.PaperCode with { Iterations = 4 });
        IReadOnlyList<IReadOnlyList<BinaryMask>> curve = refinement.RefineAllIterations(s_masks, flows, CancellationToken.None);
        Assert.Equal(new[] { 1, 2 }, TinyTranslation.ColumnsOf(curve[2][0]));
        Assert.Empty(TinyTranslation.ColumnsOf(curve[3][0]));
        Assert.Empty(TinyTranslation.ColumnsOf(curve[3][1]));
    }

    [Fact]
    public void SslVosWarp_IsAcceptedAndDiffersFromPixelExact()
    {
        using SequenceFlows flows = TinyTranslation.Translation(frameCount: 3, maxGap: 1);
        using var scope = NewDisposeScope();
        Tensor masks = VideoSeg.Flow.Warping.FlowTensors.FromMasks(s_masks, CPU);
        Tensor exact = new IterativeWarpingRefinement().RefineSoft(masks, flows);
        Tensor ssl = new IterativeWarpingRefinement(new IterativeWarpingRefinementOptions(Convention: WarpConvention.SslVos)).RefineSoft(masks, flows);
        Assert.False(exact.allclose(ssl, rtol: 0, atol: 1e-3));
    }

    private static void AssertSoft(bool normalize, int iterations, params float[][] expectedRows)
    {
        using SequenceFlows flows = TinyTranslation.Translation(frameCount: 3, maxGap: 1);
        using var scope = NewDisposeScope();
        var refinement = new IterativeWarpingRefinement(new IterativeWarpingRefinementOptions(Alpha: 0.8f, Iterations: iterations, NormalizeWeights: normalize));
        Tensor soft = refinement.RefineSoft(VideoSeg.Flow.Warping.FlowTensors.FromMasks(s_masks, CPU), flows);
        for (int t = 0; t < expectedRows.Length; t++)
        {
            float[] row = TinyTranslation.Row(soft, t);
            for (int x = 0; x < row.Length; x++)
            {
                Assert.True(System.MathF.Abs(expectedRows[t][x] - row[x]) < 1e-5f, $"iteration {iterations}, frame {t}, column {x}: expected {expectedRows[t][x]}, got {row[x]}");
            }
        }
    }
}
