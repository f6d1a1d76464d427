using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using VideoSeg.Models.Network;
using Xunit;
using static TorchSharp.torch;

namespace VideoSeg.Models.Tests.Network;

[Collection(nameof(SharedTorchGenerator))]
public sealed class DinoVitBackboneTests
{
    [Fact]
    public void ReducedVit_ReturnsFourKeyMapsOnTheStrideFourGrid()
    {
        using var scope = NewDisposeScope();
        manual_seed(7);
        using var vit = new DinoVitBackbone(NetworkTestHelpers.TinyVit);
        Tensor[] features = vit.call(randn(2, 3, 32, 64));
        Assert.Equal(4, features.Length);
        Assert.All(features, f => Assert.Equal(new long[] { 2, 32, 7, 15 }, f.shape));
        Assert.All(features, f => Assert.False(f.requires_grad));

        // res2 and res3 both read block 0's keys in this configuration.
        Assert.True(features[0].allclose(features[1], rtol: 0, atol: 0));
        Assert.False(features[1].allclose(features[2], rtol: 0, atol: 0));
    }

    [Fact]
    public void Initialisation_IsDinosTruncatedNormal_AndTheUntrainedVitStaysFinite()
    {
        using var scope = NewDisposeScope();
        manual_seed(11);
        using var vit = new DinoVitBackbone(DinoVitOptions.VitS8);
        Dictionary<string, Tensor> weights = vit.state_dict();

        // DINO: trunc_normal_(std=0.02) for the Linear weights, the position table and the class token.
        foreach (string key in new[] { "blocks.0.attn.qkv.weight", "blocks.11.mlp.fc2.weight", "pos_embed", "cls_token" })
        {
            Tensor w = weights[key];
            Assert.InRange(w.std().item<float>(), 0.017f, 0.023f);
            Assert.InRange(w.mean().item<float>(), -0.002f, 0.002f);
            Assert.True(w.abs().max().item<float>() <= 2f, key);
        }

        Assert.True(weights["blocks.0.attn.qkv.weight"].unique().output.shape[0] > 1000);
        Tensor[] features = vit.call(randn(1, 3, 64, 96));
        Assert.All(features, f => Assert.True(f.isfinite().all().item<bool>()));
    }

    [Fact]
    public void GwmGrid_For128By224_Is31By55()
    {
        using var vit = new DinoVitBackbone(NetworkTestHelpers.TinyVit with { PatchSize = 8, PatchStride = 4 });
        Assert.Equal((31, 55), vit.GridSize(128, 224));
        using var scope = NewDisposeScope();
        Assert.Equal(new long[] { 1, 1 + (31 * 55), 32 }, vit.InterpolatePositionEncoding(128, 224).shape);
    }

    [Fact]
    public void KeyFacet_IsHeadDimMajor_AsGwmsRearrange()
    {
        using var scope = NewDisposeScope();
        manual_seed(8);
        using var vit = new DinoVitBackbone(NetworkTestHelpers.TinyVit with { Depth = 1, KeyBlocks = [0, 0, 0, 0] });
        var state = vit.state_dict();
        using (no_grad())
        {
            // Make the key projection the identity on the normalised tokens, with LayerNorm removed from the picture.
            state["blocks.0.attn.qkv.weight"].zero_();
            state["blocks.0.attn.qkv.weight"][32..64].copy_(eye(32));
        }

        using var noGrad = no_grad();
        Tensor image = randn(1, 3, 32, 64);
        Tensor[] features = vit.call(image);

        // Channel c of GWM's map is key dim d of head h with c = d·heads + h; token channel = h·headDim + d.
        const int Heads = 4;
        const int HeadDim = 8;
        var children = vit.named_children().ToDictionary(c => c.name, c => c.module);
        Tensor tokens = ((nn.Module<Tensor, Tensor>)children["patch_embed"]).call(image);
        tokens = cat([state["cls_token"], tokens], 1) + vit.InterpolatePositionEncoding(32, 64);
        Tensor normalised = nn.functional.layer_norm(tokens, [32], state["blocks.0.norm1.weight"], state["blocks.0.norm1.bias"], 1e-6);
        for (int h = 0; h < Heads; h++)
        {
            for (int d = 0; d < HeadDim; d += 3)
            {
                float expected = normalised[0, 1 + 16, (h * HeadDim) + d].ToSingle();
                Assert.Equal(expected, features[0][0, (d * Heads) + h, 1, 1].ToSingle(), 4);
            }
        }
    }

    [Fact]
    public void StateDictKeys_AreDinos()
    {
        using var vit = new DinoVitBackbone(NetworkTestHelpers.TinyVit);
        var expected = new SortedSet<string>(System.StringComparer.Ordinal)
        {
            "cls_token", "pos_embed", "patch_embed.proj.weight", "patch_embed.proj.bias", "norm.weight", "norm.bias",
        };
        for (int i = 0; i < 2; i++)
        {
            foreach (string module in new[] { "norm1", "attn.qkv", "attn.proj", "norm2", "mlp.fc1", "mlp.fc2" })
            {
                expected.UnionWith([$"blocks.{i}.{module}.weight", $"blocks.{i}.{module}.bias"]);
            }
        }

        Assert.Equal(expected, NetworkTestHelpers.StateDictKeys(vit));
    }

    [Fact]
    public void VitB8_HasDinosParameterCount()
    {
        using var vit = new DinoVitBackbone(DinoVitOptions.VitB8);
        long block = (2 * 2 * 768) + ((768 * 2304) + 2304) + ((768 * 768) + 768) + ((768 * 3072) + 3072) + ((3072 * 768) + 768);
        long expected = 768 + (785 * 768) + ((3 * 8 * 8 * 768) + 768) + (12 * block) + (2 * 768);
        Assert.Equal(85_807_872, expected);
        Assert.Equal(expected, NetworkTestHelpers.UniqueParameterCount(vit));
        Assert.Equal(new long[] { 768, 3, 8, 8 }, vit.state_dict()["patch_embed.proj.weight"].shape);
    }
}
