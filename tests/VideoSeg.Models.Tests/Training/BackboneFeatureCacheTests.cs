using VideoSeg.Core;
using VideoSeg.Models.Network;
using VideoSeg.Models.Tests.Network;
using VideoSeg.Models.Training;
using Xunit;
using static TorchSharp.torch;

namespace VideoSeg.Models.Tests.Training;

[Collection(nameof(SharedTorchGenerator))]
public sealed class BackboneFeatureCacheTests
{
    [Fact]
    public void AFrameSeenAgain_IsAHit_WithTheFeaturesTheBackboneComputes()
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        using var network = new GwmNetwork(GwmNetworkOptions.CpuResNet18);
        using var cache = new BackboneFeatureCache(network, "model-a");
        Tensor frames = rand(3, 3, 64, 96) * 255;

        Tensor[] first = cache.Features(frames.narrow(0, 0, 2));
        Assert.Equal((0L, 2L, 2), (cache.Hits, cache.Misses, cache.Count));

        // Frame 1 again (a hit) beside frame 2 (a miss), in one batch.
        Tensor[] second = cache.Features(frames.narrow(0, 1, 2));
        Assert.Equal((1L, 3L, 3), (cache.Hits, cache.Misses, cache.Count));

        // Batches of other sizes may take other convolution kernels, so the comparison allows float32 rounding.
        Tensor[] direct = network.ExtractFeatures(frames);
        for (int level = 0; level < 4; level++)
        {
            double range = direct[level].abs().max().item<float>();
            Assert.InRange((first[level] - direct[level].narrow(0, 0, 2)).abs().max().item<float>(), 0, 1e-5 * range);
            Assert.InRange((second[level] - direct[level].narrow(0, 1, 2)).abs().max().item<float>(), 0, 1e-5 * range);
            Assert.False(second[level].requires_grad);
        }

        Assert.Equal(3 * (64 * 16 * 24 + 128 * 8 * 12 + 256 * 4 * 6 + 512 * 2 * 3) * sizeof(float), cache.Bytes);
    }

    [Fact]
    public void AChangedFrame_IsAMiss_AndAnotherModelHashEmptiesTheCache()
    {
        using var scope = NewDisposeScope();
        manual_seed(2);
        using var network = new GwmNetwork(GwmNetworkOptions.CpuResNet18);
        using var cache = new BackboneFeatureCache(network, "model-a");
        Tensor frame = rand(1, 3, 64, 96) * 255;
        cache.Features(frame);

        Tensor edited = frame.clone();
        edited[0, 0, 0, 0] = edited[0, 0, 0, 0] + 1;
        cache.Features(edited);
        Assert.Equal((0L, 2L, 2), (cache.Hits, cache.Misses, cache.Count));

        Assert.False(cache.Rebind("model-a"));
        Assert.Equal(2, cache.Count);
        Assert.True(cache.Rebind("model-b"));
        Assert.Equal((0, 0L), (cache.Count, cache.Bytes));
        cache.Features(frame);
        Assert.Equal(3L, cache.Misses);
    }

    [Fact]
    public void PastItsBudget_TheCacheComputesWithoutKeeping()
    {
        using var scope = NewDisposeScope();
        using var network = new GwmNetwork(GwmNetworkOptions.CpuResNet18);
        using var cache = new BackboneFeatureCache(network, "model-a", byteBudget: 0);
        Tensor frame = rand(1, 3, 64, 96) * 255;

        Tensor[] features = cache.Features(frame);
        cache.Features(frame);

        Assert.Equal((0, 0L, 2L), (cache.Count, cache.Hits, cache.Misses));
        Assert.Equal(4, features.Length);
    }

    [Fact]
    public void ABackboneThatTrains_CannotBeCached()
    {
        using var network = new GwmNetwork(GwmNetworkOptions.CpuSmall);
        var error = Assert.Throws<VideoSegException>(() => new BackboneFeatureCache(network, "model-a"));
        Assert.Equal(ErrorCodes.InvalidArgument, error.Code);
    }

    [Fact]
    public void TheKey_IsTheFramesPixelsAndSize()
    {
        using var scope = NewDisposeScope();
        Tensor a = zeros(3, 8, 8);
        Assert.Equal(BackboneFeatureCache.ImageKey(a), BackboneFeatureCache.ImageKey(a.clone()));
        Assert.NotEqual(BackboneFeatureCache.ImageKey(a), BackboneFeatureCache.ImageKey(zeros(3, 4, 16)));
        Assert.NotEqual(BackboneFeatureCache.ImageKey(a), BackboneFeatureCache.ImageKey(ones(3, 8, 8)));
    }
}
