using System.Collections.Generic;
using System.Linq;
using VideoSeg.Models.Network;
using static TorchSharp.torch;

namespace VideoSeg.Models.Tests.Network;

internal static class NetworkTestHelpers
{
    /// <summary>A ViT small enough for CPU tests: 32 wide, 4 heads, 2 blocks, a 4×4 pretraining grid.</summary>
    public static DinoVitOptions TinyVit { get; } = new()
    {
        EmbedDim = 32,
        Heads = 4,
        Depth = 2,
        PretrainGridSize = 4,
        KeyBlocks = [0, 0, 1, 1],
    };

    public static GwmNetworkOptions TinyVitNetwork { get; } = GwmNetworkOptions.CpuSmall with
    {
        Backbone = GwmBackboneKind.DinoVitB8,
        Vit = TinyVit,
        FeatureChannels = [32, 32, 32, 32],
        DecoderLayers = 2,
    };

    public static long UniqueParameterCount(nn.Module module) =>
        module.parameters().Sum(p => p.numel());

    public static SortedSet<string> StateDictKeys(nn.Module module) =>
        new(module.state_dict().Keys, System.StringComparer.Ordinal);

    public static Tensor RandomImages(long batch, long height, long width) =>
        rand(batch, 3, height, width) * 255;
}
