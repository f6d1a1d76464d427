using System.Collections.Generic;
using TorchSharp;
using VideoSeg.Models.Network;
using Xunit;
using static TorchSharp.torch;

namespace VideoSeg.Models.Tests.Network;

[Collection(nameof(SharedTorchGenerator))]
public sealed class TransformerPredictorTests
{
    [Fact]
    public void GwmSizes_GiveKMasksAtTheMaskFeatureResolution()
    {
        using var scope = NewDisposeScope();
        manual_seed(2);
        using var predictor = new TransformerPredictor(768, GwmNetworkOptions.GwmDino);
        predictor.eval();
        using var noGrad = no_grad();
        Tensor masks = predictor.call(randn(1, 768, 31, 55), randn(1, 256, 130, 226));
        Assert.Equal(new long[] { 1, 4, 130, 226 }, masks.shape);
        Assert.True(masks.isfinite().all().ToBoolean());
    }

    [Fact]
    public void StateDictKeys_AreGwms()
    {
        using var predictor = new TransformerPredictor(768, GwmNetworkOptions.GwmDino);
        var expected = new SortedSet<string>(System.StringComparer.Ordinal)
        {
            "query_embed.weight", "input_proj.weight", "input_proj.bias",
            "transformer.decoder.norm.weight", "transformer.decoder.norm.bias",
            "mask_querie_comb.0.weight", "mask_querie_comb.0.bias", "mask_querie_comb.1.weight", "mask_querie_comb.1.bias",
        };
        for (int i = 0; i < 3; i++)
        {
            expected.UnionWith([$"mask_embed.layers.{i}.weight", $"mask_embed.layers.{i}.bias"]);
        }

        for (int layer = 0; layer < 6; layer++)
        {
            string prefix = $"transformer.decoder.layers.{layer}.";
            foreach (string attention in new[] { "self_attn", "multihead_attn" })
            {
                expected.UnionWith([$"{prefix}{attention}.in_proj_weight", $"{prefix}{attention}.in_proj_bias", $"{prefix}{attention}.out_proj.weight", $"{prefix}{attention}.out_proj.bias"]);
            }

            foreach (string module in new[] { "linear1", "linear2", "norm1", "norm2", "norm3" })
            {
                expected.UnionWith([$"{prefix}{module}.weight", $"{prefix}{module}.bias"]);
            }
        }

        Assert.Equal(expected, NetworkTestHelpers.StateDictKeys(predictor));
    }

    [Fact]
    public void TwoQueries_AndMatchingWidths_DropMaskQuerieCombAndInputProj()
    {
        using var predictor = new TransformerPredictor(256, GwmNetworkOptions.GwmDino with { Queries = 2 });
        SortedSet<string> keys = NetworkTestHelpers.StateDictKeys(predictor);
        Assert.DoesNotContain(keys, k => k.StartsWith("mask_querie_comb", System.StringComparison.Ordinal));
        Assert.DoesNotContain(keys, k => k.StartsWith("input_proj", System.StringComparison.Ordinal));
        Assert.Contains("query_embed.weight", keys);
        Assert.Equal(new long[] { 2, 256 }, predictor.state_dict()["query_embed.weight"].shape);
    }

    [Fact]
    public void ParameterCount_AtGwmSizes_MatchesTheSourcesLayerSizes()
    {
        using var predictor = new TransformerPredictor(768, GwmNetworkOptions.GwmDino);
        long attention = (3 * 256 * 256) + (3 * 256) + (256 * 256) + 256;
        long layer = (2 * attention) + (256 * 2048) + 2048 + (2048 * 256) + 256 + (3 * 2 * 256);
        long expected = ((768 * 256) + 256) // input_proj
            + (4 * 256) // query_embed
            + (6 * layer) + 512 // decoder layers and final norm
            + (3 * ((256 * 256) + 256)) // mask_embed
            + ((4 * 4) + 4 + (4 * 2 * 25) + 2); // mask_querie_comb
        Assert.Equal(9_868_510, expected);
        Assert.Equal(expected, NetworkTestHelpers.UniqueParameterCount(predictor));
    }

    [Fact]
    public void SinePositionEncoding_MatchesDetrsFormulaAtACorner()
    {
        using var scope = NewDisposeScope();
        Tensor pos = PositionEmbeddingSine.Encode(1, 4, 5, 8, CPU);
        Assert.Equal(new long[] { 1, 16, 4, 5 }, pos.shape);

        // Row 3 (last) has y = 4 / (4 + 1e-6) · 2π; feature 0 is sin(y), feature 1 cos(y / 10000^(2/8)).
        double y = 4 / (4 + 1e-6) * 2 * System.Math.PI;
        Assert.Equal(System.Math.Sin(y), pos[0, 0, 3, 0].ToDouble(), 5);
        Assert.Equal(System.Math.Cos(y), pos[0, 1, 3, 0].ToDouble(), 5);

        // Column 1 of x: x = 2 / 5 · 2π; feature 8 + 2 is sin(x / 10000^(2/8)).
        double x = 2 / (5 + 1e-6) * 2 * System.Math.PI;
        Assert.Equal(System.Math.Sin(x / System.Math.Pow(10000, 2.0 / 8)), pos[0, 10, 0, 1].ToDouble(), 5);
    }
}
