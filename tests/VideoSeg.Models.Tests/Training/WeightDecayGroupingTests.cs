using System.Collections.Generic;
using System.Linq;
using TorchSharp.Modules;
using VideoSeg.Models.Network;
using VideoSeg.Models.Tests.Network;
using VideoSeg.Models.Training;
using Xunit;
using static TorchSharp.torch;

namespace VideoSeg.Models.Tests.Training;

[Collection(nameof(SharedTorchGenerator))]
public sealed class WeightDecayGroupingTests
{
    [Fact]
    public void Every_norm_and_embedding_parameter_is_exempt_and_every_parameter_appears_once()
    {
        manual_seed(1);
        using var network = new GwmNetwork(GwmNetworkOptions.CpuSmall);

        WeightDecayGroups groups = WeightDecayGrouping.Split(network);

        var exempt = new HashSet<System.IntPtr>(groups.Norm.Concat(groups.Embedding).Select(p => p.Parameter.Handle));
        var decayed = new HashSet<System.IntPtr>(groups.Decayed.Select(p => p.Parameter.Handle));
        int expectedNorm = 0;
        foreach ((string _, nn.Module module) in network.named_modules())
        {
            bool isExempt = module is GroupNorm or LayerNorm or Embedding;
            foreach ((string _, Parameter parameter) in module.named_parameters(recurse: false))
            {
                Assert.Equal(isExempt, exempt.Contains(parameter.Handle));
                Assert.Equal(!isExempt, decayed.Contains(parameter.Handle));
                expectedNorm += module is GroupNorm or LayerNorm ? 1 : 0;
            }
        }

        int unique = network.parameters().Select(p => p.Handle).Distinct().Count();
        Assert.Equal(unique, groups.Decayed.Count + groups.Norm.Count + groups.Embedding.Count);
        Assert.Equal(unique, decayed.Count + exempt.Count);
        Assert.Contains(groups.Embedding, p => p.Name == "sem_seg_head.predictor.query_embed.weight");
        Assert.Contains(groups.Norm, p => p.Name.Contains("norm1", System.StringComparison.Ordinal));
        Assert.True(groups.Norm.Count > 0 && groups.Norm.Count < expectedNorm, "the tied GroupNorm must be listed once although several modules hold it");
    }

    [Fact]
    public void Frozen_vit_parameters_are_left_out()
    {
        manual_seed(1);
        using var network = new GwmNetwork(NetworkTestHelpers.TinyVitNetwork);

        WeightDecayGroups groups = WeightDecayGrouping.Split(network);

        IEnumerable<string> names = groups.Decayed.Concat(groups.Norm).Concat(groups.Embedding).Select(p => p.Name);
        Assert.DoesNotContain(names, name => name.StartsWith("backbone.", System.StringComparison.Ordinal));
        Assert.NotEmpty(groups.Decayed);
    }
}
