using System;
using VideoSeg.Core;
using VideoSeg.Models.Foreground;
using Xunit;
using static TorchSharp.torch;

namespace VideoSeg.Models.Tests.Foreground;

public sealed class MaskMergerTests
{
    [Fact]
    public void PooledFeaturesAreMaskWeightedMeans()
    {
        using var scope = NewDisposeScope();

        // One frame, 1×2 pixels, two masks: mask 0 = (1, 0), mask 1 = (0.25, 0.75); features C=2.
        Tensor masks = tensor(new float[] { 1, 0, 0.25f, 0.75f }).reshape(1, 2, 1, 2);
        Tensor features = tensor(new float[] { 2, 6, -1, 3 }).reshape(1, 2, 1, 2);
        float[] pooled = MaskMerger.PoolFeatures(masks, features).data<float>().ToArray();

        Assert.Equal(new float[] { 2, -1, (0.25f * 2) + (0.75f * 6), (0.25f * -1) + (0.75f * 3) }, pooled);
    }

    [Fact]
    public void FeaturesAreResizedToTheMaskGrid()
    {
        using var scope = NewDisposeScope();
        Tensor masks = ones(1, 2, 4, 6);
        Tensor features = full(1, 3, 2, 3, 5.0f);
        Tensor pooled = MaskMerger.PoolFeatures(masks, features);

        Assert.Equal(new long[] { 1, 2, 3 }, pooled.shape);
        Assert.All(pooled.data<float>().ToArray(), v => Assert.Equal(5.0f, v, 5));
    }

    [Fact]
    public void EmptyMaskPoolsToZeroInsteadOfNaN()
    {
        using var scope = NewDisposeScope();
        Tensor masks = stack([ones(3, 3), zeros(3, 3)], 0).unsqueeze(0);
        Tensor pooled = MaskMerger.PoolFeatures(masks, ones(1, 2, 3, 3));
        Assert.Equal(new float[] { 1, 1, 0, 0 }, pooled.data<float>().ToArray());
    }

    [Fact]
    public void AffinityIsCosineClampedAtTheFloor()
    {
        using var scope = NewDisposeScope();

        // Vectors at 0°, 60°, 90°, 180° from the first; lengths differ, which cosine ignores.
        double c = Math.Cos(Math.PI / 3);
        double s = Math.Sin(Math.PI / 3);
        Tensor pooled = tensor(new double[] { 2, 0, 3 * c, 3 * s, 0, 0.5, -1, 0 }).reshape(1, 4, 2);
        double[] a = MaskMerger.CosineAffinity(pooled).data<double>().ToArray();

        double[] expectedRow0 = { 1, 0.5, MaskMerger.AffinityFloor, MaskMerger.AffinityFloor };
        for (int j = 0; j < 4; j++)
        {
            Assert.Equal(expectedRow0[j], a[j], 12);
            Assert.Equal(a[j], a[j * 4], 12);
        }

        Assert.Equal(s, a[(1 * 4) + 2], 12);
        Assert.Equal(1.0, a[(2 * 4) + 2], 12);
    }

    [Fact]
    public void MergeSplitsFeatureGroupsAndSumsTheirMasks()
    {
        using var scope = NewDisposeScope();

        // Four 2×4 soft masks summing to 1 per pixel; features are (1, 0) on the left half and (0, 1) on the right.
        // Masks 0 and 2 live on the left, 1 and 3 on the right.
        float[] m0 = { 0.5f, 0.4f, 0.0f, 0.0f, 0.6f, 0.5f, 0.0f, 0.1f };
        float[] m2 = { 0.4f, 0.5f, 0.1f, 0.0f, 0.3f, 0.4f, 0.0f, 0.0f };
        float[] m1 = { 0.1f, 0.0f, 0.5f, 0.6f, 0.0f, 0.1f, 0.5f, 0.4f };
        float[] m3 = { 0.0f, 0.1f, 0.4f, 0.4f, 0.1f, 0.0f, 0.5f, 0.5f };
        Tensor masks = stack([Mask(m0), Mask(m1), Mask(m2), Mask(m3)], 0).unsqueeze(0);
        Tensor left = tensor(new float[] { 1, 1, 0, 0, 1, 1, 0, 0 }).reshape(2, 4);
        Tensor features = stack([left, 1 - left], 0).unsqueeze(0);

        MaskMergeResult result = MaskMerger.Merge(masks, features);

        Assert.Equal(new[] { 0, 1, 0, 1 }, Assert.Single(result.Labels));
        Assert.Equal(new long[] { 1, 2, 2, 4 }, result.Masks.shape);
        float[] merged = result.Masks.data<float>().ToArray();
        for (int p = 0; p < 8; p++)
        {
            Assert.Equal(m0[p] + m2[p], merged[p], 6);
            Assert.Equal(m1[p] + m3[p], merged[8 + p], 6);
        }
    }

    [Fact]
    public void MergeClustersEveryFrameOnItsOwn()
    {
        using var scope = NewDisposeScope();

        // Frame 0 groups {0,1} vs {2}; frame 1 groups {0,2} vs {1} (feature of mask k is the k-th pixel's feature).
        Tensor masks = eye(3).reshape(1, 3, 1, 3).expand(2, 3, 1, 3).contiguous();
        Tensor features = tensor(new float[]
        {
            1, 0.9f, 0, /* c0 */ 0, 0.1f, 1, /* c1 */
            1, 0, 0.9f, /* c0 */ 0, 1, 0.1f, /* c1 */
        }).reshape(2, 2, 1, 3);

        MaskMergeResult result = MaskMerger.Merge(masks, features);

        Assert.Equal(new[] { 0, 0, 1 }, result.Labels[0]);
        Assert.Equal(new[] { 0, 1, 0 }, result.Labels[1]);
        Assert.Equal(new float[] { 1, 1, 0, 0, 0, 1, 1, 0, 1, 0, 1, 0 }, result.Masks.data<float>().ToArray());
    }

    [Fact]
    public void RejectsMismatchedShapes()
    {
        using var scope = NewDisposeScope();
        Assert.Throws<VideoSegException>(() => MaskMerger.PoolFeatures(ones(1, 1, 2, 2), ones(1, 3, 2, 2)));
        Assert.Throws<VideoSegException>(() => MaskMerger.PoolFeatures(ones(2, 4, 2, 2), ones(1, 3, 2, 2)));
        Assert.Throws<VideoSegException>(() => MaskMerger.PoolFeatures(ones(4, 2, 2), ones(1, 3, 2, 2)));
        Assert.Throws<VideoSegException>(() => MaskMerger.CosineAffinity(ones(4, 3)));
    }

    private static Tensor Mask(float[] values) => tensor(values).reshape(2, 4);
}
