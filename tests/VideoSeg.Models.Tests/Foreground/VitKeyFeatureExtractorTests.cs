using System;
using System.Collections.Generic;
using System.Threading;
using VideoSeg.Core;
using VideoSeg.Core.Imaging;
using VideoSeg.Flow.Warping;
using VideoSeg.Models.Checkpoints;
using VideoSeg.Models.Foreground;
using VideoSeg.Models.Inference;
using VideoSeg.Models.Network;
using VideoSeg.Models.Tests.Network;
using VideoSeg.TestUtilities;
using Xunit;
using static TorchSharp.torch;

namespace VideoSeg.Models.Tests.Foreground;

[Collection(nameof(SharedTorchGenerator))]
public sealed class VitKeyFeatureExtractorTests
{
    /// <summary>ViT-S/8's layout (12 blocks, 6 heads, 28×28 position grid) at a width a CPU test can afford.</summary>
    private static readonly DinoVitOptions s_reducedVitS8 = DinoVitOptions.VitS8 with { EmbedDim = 48 };

    [Fact]
    public void VitS8_IsDinosDeitSmall8()
    {
        Assert.Equal((384, 6, 12, 8, 4, 28), (DinoVitOptions.VitS8.EmbedDim, DinoVitOptions.VitS8.Heads, DinoVitOptions.VitS8.Depth, DinoVitOptions.VitS8.PatchSize, DinoVitOptions.VitS8.PatchStride, DinoVitOptions.VitS8.PretrainGridSize));
    }

    [Fact]
    public void ADinoFormatFileLoadsStrictly_AndGivesBlock11KeysOfTheImageNetNormalisedImage_AtTheImageSize()
    {
        using var temp = new TempDirectory();
        using var scope = NewDisposeScope();
        manual_seed(21);
        using var reference = new DinoVitBackbone(s_reducedVitS8);
        string path = temp.Combine("dino_deitsmall8_pretrain.pth");
        PyTorchCheckpointWriter.Write(path, reference.state_dict(), nestUnder: null);

        using VitKeyFeatureExtractor extractor = VitKeyFeatureExtractor.Load(path, s_reducedVitS8, VitKeyFeatureExtractor.GwmLayer, CPU);
        Tensor images = NetworkTestHelpers.RandomImages(2, 64, 96);
        Tensor features = extractor.Extract(images);

        Dictionary<string, Tensor> loaded = extractor.Vit.state_dict();
        Assert.All(reference.state_dict(), p => Assert.True(p.Value.equal(loaded[p.Key]).all().item<bool>(), p.Key));
        Assert.Equal(new long[] { 2, 48, 64, 96 }, features.shape);

        // The reference ViT's res5 is block 11's key facet; GWM feeds it (x / 255 − mean) / std and resizes bilinearly.
        Tensor normalised = ((images / 255.0) - tensor(new[] { 0.485f, 0.456f, 0.406f }).view(1, 3, 1, 1)) / tensor(new[] { 0.229f, 0.224f, 0.225f }).view(1, 3, 1, 1);
        Tensor block11 = reference.call(normalised)[3];
        Assert.Equal(new long[] { 2, 48, 15, 23 }, block11.shape);
        Tensor expected = nn.functional.interpolate(block11, size: [64, 96], mode: InterpolationMode.Bilinear, align_corners: false);
        Assert.True(features.allclose(expected, rtol: 1e-5, atol: 1e-5));
    }

    [Fact]
    public void AViTB8FileIsRejectedNamingItsShapeMismatches()
    {
        using var temp = new TempDirectory();
        using var scope = NewDisposeScope();
        using var wrong = new DinoVitBackbone(s_reducedVitS8 with { EmbedDim = 24 });
        string path = temp.Combine("dino_vitbase8_pretrain.pth");
        PyTorchCheckpointWriter.Write(path, wrong.state_dict(), nestUnder: null);

        var error = Assert.Throws<VideoSegException>(() => VitKeyFeatureExtractor.Load(path, s_reducedVitS8, VitKeyFeatureExtractor.GwmLayer, CPU));

        Assert.Equal(ErrorCodes.BadLayout, error.Code);
        Assert.Contains("shape mismatches", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingWeightsFileIsNamed()
    {
        var error = Assert.Throws<VideoSegException>(() => VitKeyFeatureExtractor.LoadGwmMerger("/nonexistent/dino_deitsmall8_pretrain.pth", CPU));

        Assert.Equal(ErrorCodes.MissingFile, error.Code);
        Assert.Contains("/nonexistent/dino_deitsmall8_pretrain.pth", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSegmenterMergesOnTheExtractorsFeatures_WhenGivenOne()
    {
        using var scope = NewDisposeScope();
        manual_seed(22);
        using var network = new GwmNetwork(GwmNetworkOptions.CpuSmall);
        using var extractor = new VitKeyFeatureExtractor(s_reducedVitS8 with { Depth = 2 }, layer: 1);
        IReadOnlyList<RgbImage> frames = [Frame(5), Frame(120)];
        var selector = new FirstMaskSelector();

        IReadOnlyList<BinaryMask> masks = new GwmSegmenter(network, selector, extractor).Segment(frames, null, null, batchSize: 2, CancellationToken.None);

        Tensor images = FlowTensors.FromImages(frames, CPU);
        Tensor expected = MaskMerger.Merge(network.Predict(images), extractor.Extract(images)).Masks;
        for (int b = 0; b < frames.Count; b++)
        {
            Assert.Equal(FlowTensors.ToMasks(expected[b].narrow(0, 0, 1).unsqueeze(0))[0].Data, masks[b].Data);
        }
    }

    private static RgbImage Frame(int shade)
    {
        var rgb = new byte[224 * 128 * 3];
        for (int i = 0; i < rgb.Length; i++)
        {
            rgb[i] = (byte)((shade + (i % 89) + (i / 9000)) % 256);
        }

        return new RgbImage(224, 128, rgb);
    }

    private sealed class FirstMaskSelector : IForegroundSelector
    {
        public string Name => "first";

        public bool UsesGroundTruth => false;

        public int Select(ForegroundCandidates candidates) => 0;
    }
}
