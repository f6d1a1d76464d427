using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using VideoSeg.Models.Network;
using Xunit;
using static TorchSharp.torch;

namespace VideoSeg.Models.Tests.Network;

[Collection(nameof(SharedTorchGenerator))]
public sealed class BigPixelDecoderTests
{
    private static readonly int[] s_gwmChannels = [768, 768, 768, 768];

    [Fact]
    public void GwmSizes_OnTheVitGrid_Give130By226MaskFeatures()
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        using var decoder = new BigPixelDecoder(s_gwmChannels, 256, 256, 32);
        using var noGrad = no_grad();
        Tensor[] features = [.. Enumerable.Range(0, 4).Select(_ => randn(1, 768, 31, 55))];
        Tensor output = decoder.call(features);
        Assert.Equal(new long[] { 1, 256, 130, 226 }, output.shape);
    }

    [Fact]
    public void StateDictKeys_AreGwms_WithTheSharedNormListedUnderEveryName()
    {
        using var decoder = new BigPixelDecoder(s_gwmChannels, 256, 256, 32);
        var expected = new SortedSet<string>(System.StringComparer.Ordinal);
        foreach (int i in new[] { 1, 2, 3 })
        {
            expected.UnionWith([$"adapter_{i}.weight", $"adapter_{i}.norm.weight", $"adapter_{i}.norm.bias"]);
        }

        foreach (int i in new[] { 1, 2, 3, 4 })
        {
            expected.UnionWith([$"layer_{i}.weight", $"layer_{i}.norm.weight", $"layer_{i}.norm.bias"]);
        }

        foreach (int i in new[] { 0, 2, 3, 5 })
        {
            expected.UnionWith([$"mask_features.{i}.weight", $"mask_features.{i}.norm.weight", $"mask_features.{i}.norm.bias"]);
        }

        expected.UnionWith(["mask_features.6.weight", "mask_features.6.bias"]);
        Assert.Equal(expected, NetworkTestHelpers.StateDictKeys(decoder));
    }

    [Fact]
    public void SharedGroupNorm_TiesLayer4AndMaskFeatureConvolutions()
    {
        using var decoder = new BigPixelDecoder([32, 32, 32, 32], 32, 32, 8);
        var state = decoder.state_dict();
        using (no_grad())
        {
            state["layer_4.norm.weight"].fill_(3.5);
            state["mask_features.0.norm.bias"].fill_(-2.0);
        }

        foreach (string name in new[] { "layer_4", "mask_features.0", "mask_features.2", "mask_features.3", "mask_features.5" })
        {
            Assert.Equal(3.5f, state[$"{name}.norm.weight"][0].ToSingle());
            Assert.Equal(-2.0f, state[$"{name}.norm.bias"][0].ToSingle());
        }

        // The adapters and layers 1–3 own separate norms.
        Assert.Equal(1.0f, state["layer_3.norm.weight"][0].ToSingle());
        Assert.Equal(0.0f, state["adapter_1.norm.bias"][0].ToSingle());
    }

    [Fact]
    public void ParameterCount_AtGwmSizes_MatchesPyTorchsCountingSharedNormsOnce()
    {
        using var decoder = new BigPixelDecoder(s_gwmChannels, 256, 256, 32);

        // From big_pixel_decoder.py: layer_4 3×3 768→256 + GN; adapters 1×1 768→256 + GN; layers 1–3 3×3 256→256 + GN;
        // mask_features 3×3, 1×1, 3×3, 1×1 (no bias, shared GN) and a final 3×3 with bias.
        long expected = (768 * 256 * 9) + 512
            + (3 * ((768 * 256) + 512))
            + (3 * ((256 * 256 * 9) + 512))
            + (2 * 256 * 256 * 9) + (2 * 256 * 256) + (256 * 256 * 9) + 256;
        Assert.Equal(6_033_152, expected);
        Assert.Equal(expected, NetworkTestHelpers.UniqueParameterCount(decoder));
    }
}
