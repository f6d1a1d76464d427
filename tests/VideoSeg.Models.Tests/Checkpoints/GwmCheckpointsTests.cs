using System;
using System.Collections.Generic;
using System.Linq;
using VideoSeg.Core;
using VideoSeg.Models.Checkpoints;
using VideoSeg.Models.Inference;
using VideoSeg.Models.Network;
using VideoSeg.Models.Tests.Network;
using VideoSeg.TestUtilities;
using Xunit;
using static TorchSharp.torch;

namespace VideoSeg.Models.Tests.Checkpoints;

[Collection(nameof(SharedTorchGenerator))]
public sealed class GwmCheckpointsTests
{
    /// <summary>GWM's layout (ViT backbone, 12 blocks, 4 queries, GroupNorm(32)) at widths a CPU test can afford.</summary>
    private static readonly GwmNetworkOptions s_reducedGwm = GwmNetworkOptions.GwmDino with
    {
        Vit = DinoVitOptions.VitB8 with { EmbedDim = 48, Heads = 2 },
        FeatureChannels = [48, 48, 48, 48],
        ConvDim = 32,
        MaskDim = 32,
        HiddenDim = 32,
        Heads = 4,
        FeedForwardDim = 64,
    };

    [Fact]
    public void GwmsPublishedKeys_ThroughKeyMapGwm_WithDinosVitB8_AreExactlyTheGwmDinoNetworksStateDict()
    {
        IReadOnlyList<KeyValuePair<string, long[]>> gwm = StateDictKeyFixture.Read(StateDictKeyFixture.GwmDino);
        IReadOnlyList<KeyValuePair<string, long[]>> dino = StateDictKeyFixture.Read(StateDictKeyFixture.DinoVitBase8);
        Assert.DoesNotContain(gwm, e => e.Key.StartsWith("backbone.", StringComparison.Ordinal));
        Assert.Equal(["criterion.empty_weight"], gwm.Where(e => KeyMap.Gwm.Apply(e.Key) is null).Select(e => e.Key));

        var expected = gwm
            .Select(e => (Key: KeyMap.Gwm.Apply(e.Key), e.Value))
            .Where(e => e.Key is not null)
            .Select(e => new KeyValuePair<string, long[]>(e.Key!, e.Value))
            .Concat(dino.Select(e => new KeyValuePair<string, long[]>("backbone." + KeyMap.DinoVit.Apply(e.Key), e.Value)));

        using var scope = NewDisposeScope();
        using var network = new GwmNetwork(GwmNetworkOptions.GwmDino);
        var actual = network.state_dict().Select(p => new KeyValuePair<string, long[]>(p.Key, p.Value.shape));

        Assert.Equal(StateDictKeyFixture.Describe(expected), StateDictKeyFixture.Describe(actual));
    }

    [Fact]
    public void DinosDeitSmall8Keys_AreExactlyTheVitS8BackbonesStateDict()
    {
        IReadOnlyList<KeyValuePair<string, long[]>> dino = StateDictKeyFixture.Read(StateDictKeyFixture.DinoDeitSmall8);
        using var scope = NewDisposeScope();
        using var vit = new DinoVitBackbone(DinoVitOptions.VitS8);
        var actual = vit.state_dict().Select(p => new KeyValuePair<string, long[]>(p.Key, p.Value.shape));

        Assert.Equal(StateDictKeyFixture.Describe(dino.Select(e => new KeyValuePair<string, long[]>(KeyMap.DinoVit.Apply(e.Key)!, e.Value))), StateDictKeyFixture.Describe(actual));
    }

    [Fact]
    public void AGwmCheckpointInDetectron2Layout_LoadsStrictlyWithDinosVit_AndReproducesTheNetwork()
    {
        using var temp = new TempDirectory();
        using var scope = NewDisposeScope();
        manual_seed(11);
        using var source = new GwmNetwork(s_reducedGwm);
        (string gwmPath, string dinoPath) = WritePublishedLayout(temp, source);

        using GwmNetwork loaded = GwmSegmenter.LoadNetwork(gwmPath, GwmNetworkOptions.CpuSmall, s_reducedGwm, CPU, dinoPath);

        Assert.Equal(s_reducedGwm, loaded.Options);
        Dictionary<string, Tensor> expected = source.state_dict();
        Dictionary<string, Tensor> actual = loaded.state_dict();
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        Assert.All(expected, p => Assert.True(p.Value.equal(actual[p.Key]).all().item<bool>(), p.Key));
        Tensor images = NetworkTestHelpers.RandomImages(1, 64, 96);
        Assert.True(source.Predict(images).equal(loaded.Predict(images)).all().item<bool>());
    }

    [Fact]
    public void TheKOfAGwmCheckpointComesFromItsQueryEmbedding()
    {
        using var temp = new TempDirectory();
        using var scope = NewDisposeScope();
        manual_seed(12);
        using var source = new GwmNetwork(s_reducedGwm with { Queries = 2 });
        (string gwmPath, string dinoPath) = WritePublishedLayout(temp, source);

        using GwmNetwork loaded = GwmSegmenter.LoadNetwork(gwmPath, GwmNetworkOptions.CpuSmall, s_reducedGwm, CPU, dinoPath);

        Assert.Equal(2, loaded.Options.Queries);
        Assert.Equal(GwmCheckpointFormat.GwmPublished, GwmCheckpoints.Detect(GwmCheckpoints.Read(gwmPath, "test")));
    }

    [Fact]
    public void AGwmCheckpointWithoutTheDinoWeights_IsRefusedNamingTheFileItNeeds()
    {
        using var temp = new TempDirectory();
        using var scope = NewDisposeScope();
        manual_seed(13);
        using var source = new GwmNetwork(s_reducedGwm);
        (string gwmPath, _) = WritePublishedLayout(temp, source);

        var error = Assert.Throws<VideoSegException>(() => GwmSegmenter.LoadNetwork(gwmPath, GwmNetworkOptions.CpuSmall, s_reducedGwm, CPU, null));

        Assert.Equal(ErrorCodes.MissingFile, error.Code);
        Assert.Contains("dino_vitbase8_pretrain.pth", error.Message, StringComparison.Ordinal);
        Assert.Contains(gwmPath, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AGwmCheckpointHoldingItsVitUnderExtractorModel_NeedsNoDinoFile_AndDdpPrefixesGo()
    {
        using var temp = new TempDirectory();
        using var scope = NewDisposeScope();
        manual_seed(14);
        using var source = new GwmNetwork(s_reducedGwm);
        var model = new Dictionary<string, Tensor>();
        foreach ((string key, Tensor value) in source.state_dict())
        {
            string gwmName = key.StartsWith("backbone.", StringComparison.Ordinal) ? GwmCheckpoints.GwmBackbonePrefix + key["backbone.".Length..] : key;
            model["module." + gwmName] = value;
        }

        model["module.criterion.empty_weight"] = tensor(new[] { 1f, 1f, 0.1f });
        string path = temp.Combine("checkpoint_best.pth");
        PyTorchCheckpointWriter.Write(path, model, new Dictionary<string, object?> { ["iteration"] = 5L });

        using GwmNetwork loaded = GwmSegmenter.LoadNetwork(path, GwmNetworkOptions.CpuSmall, s_reducedGwm, CPU, null);

        Dictionary<string, Tensor> actual = loaded.state_dict();
        Assert.All(source.state_dict(), p => Assert.True(p.Value.equal(actual[p.Key]).all().item<bool>(), p.Key));
    }

    [Fact]
    public void AnIncompleteGwmCheckpoint_FailsStrictLoadingNamingTheMissingKey()
    {
        using var temp = new TempDirectory();
        using var scope = NewDisposeScope();
        manual_seed(15);
        using var source = new GwmNetwork(s_reducedGwm);
        (string gwmPath, string dinoPath) = WritePublishedLayout(temp, source, omit: "sem_seg_head.predictor.mask_embed.layers.2.bias");

        var error = Assert.Throws<VideoSegException>(() => GwmSegmenter.LoadNetwork(gwmPath, GwmNetworkOptions.CpuSmall, s_reducedGwm, CPU, dinoPath));

        Assert.Equal(ErrorCodes.BadLayout, error.Code);
        Assert.Contains("1 missing keys (sem_seg_head.predictor.mask_embed.layers.2.bias)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OurTrainersExportIsNotMistakenForGwms()
    {
        using var scope = NewDisposeScope();
        using var network = new GwmNetwork(GwmNetworkOptions.CpuSmall);
        using var temp = new TempDirectory();
        string path = temp.Combine("checkpoint_0000001.pth");
        PyTorchCheckpointWriter.Write(path, network.state_dict(), new Dictionary<string, object?> { ["iteration"] = 1L });

        Assert.Equal(GwmCheckpointFormat.VideoSegExport, GwmCheckpoints.Detect(GwmCheckpoints.Read(path, "test")));
        Assert.Equal(4, GwmCheckpoints.Queries(GwmCheckpoints.Read(path, "test")));
    }

    /// <summary>
    /// Writes <paramref name="network"/> as GWM publishes it: <c>checkpoint_best.pth</c> = {'model': head + criterion.empty_weight,
    /// 'iteration': 5} without the ViT, and the ViT as a plain DINO state dict (<c>dino_vitbase8_pretrain.pth</c>).
    /// </summary>
    private static (string Gwm, string Dino) WritePublishedLayout(TempDirectory temp, GwmNetwork network, string? omit = null)
    {
        var head = new Dictionary<string, Tensor>();
        var vit = new Dictionary<string, Tensor>();
        foreach ((string key, Tensor value) in network.state_dict())
        {
            if (key.StartsWith("backbone.", StringComparison.Ordinal))
            {
                vit[key["backbone.".Length..]] = value;
            }
            else if (key != omit)
            {
                head[key] = value;
            }
        }

        head["criterion.empty_weight"] = tensor(new[] { 1f, 1f, 0.1f });
        string gwm = temp.Combine("checkpoint_best.pth");
        string dino = temp.Combine("dino_vitbase8_pretrain.pth");
        PyTorchCheckpointWriter.Write(gwm, head, new Dictionary<string, object?> { ["iteration"] = 5L });
        PyTorchCheckpointWriter.Write(dino, vit, nestUnder: null);
        return (gwm, dino);
    }

    [Fact]
    public void ACheckpointWhoseRootIsAList_IsRejectedNamingTheFile()
    {
        using var temp = new TempDirectory();
        string path = temp.Combine("list-root.pth");
        PyTorchCheckpointWriter.Write(path, new CheckpointList([new CheckpointInteger(1), new CheckpointString("model")]));

        VideoSegException error = Assert.Throws<VideoSegException>(() => GwmCheckpoints.Read(path, "model checkpoint"));

        Assert.Equal(ErrorCodes.BadLayout, error.Code);
        Assert.Equal(path, error.Path);
        Assert.Contains("root is a list", error.Message, StringComparison.Ordinal);
        Assert.StartsWith(path + ": error VSEG2006: ", error.ToDiagnosticString(), StringComparison.Ordinal);
    }
}
