using System.Collections.Generic;
using System.Linq;
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

namespace VideoSeg.Models.Tests.Inference;

[Collection(nameof(SharedTorchGenerator))]
public sealed class GwmSegmenterTests
{
    [Fact]
    public void AnExportedNetworkLoadsBackAndGivesOneMaskPerFrame()
    {
        using var temp = new TempDirectory();
        manual_seed(7);
        using var trained = new GwmNetwork(GwmNetworkOptions.CpuSmall, CPU);
        string path = temp.Combine("checkpoint_0000001.pth");
        PyTorchCheckpointWriter.Write(path, trained.state_dict().ToDictionary(p => p.Key, p => p.Value));

        using GwmNetwork loaded = GwmSegmenter.LoadNetwork(path, GwmNetworkOptions.CpuSmall, CPU);
        IReadOnlyList<RgbImage> frames = [Frame(10), Frame(90), Frame(170)];
        IReadOnlyList<BinaryMask> masks = new GwmSegmenter(loaded, new CornerRuleSelector()).Segment(frames, null, null, batchSize: 2, CancellationToken.None);

        Assert.Equal(3, masks.Count);
        Assert.All(masks, m => Assert.Equal((224, 128), (m.Width, m.Height)));
        using Tensor images = FlowTensors.FromImages(frames, CPU);
        Assert.Equal(trained.Predict(images).data<float>().ToArray(), loaded.Predict(images).data<float>().ToArray());
    }

    [Fact]
    public void TheOracleSelectorNeedsTheGroundTruth()
    {
        manual_seed(7);
        using var network = new GwmNetwork(GwmNetworkOptions.CpuSmall, CPU);
        var segmenter = new GwmSegmenter(network, new OracleIoUSelector());

        var ex = Assert.Throws<VideoSegException>(() => segmenter.Segment([Frame(0)], null, null, 1, CancellationToken.None));

        Assert.Contains("oracle", ex.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingCheckpointIsNamed()
    {
        var ex = Assert.Throws<VideoSegException>(() => GwmSegmenter.LoadNetwork("/nonexistent/model.pth", GwmNetworkOptions.CpuSmall, CPU));

        Assert.Equal(ErrorCodes.MissingFile, ex.Code);
    }

    private static RgbImage Frame(int shade)
    {
        var rgb = new byte[224 * 128 * 3];
        for (int i = 0; i < rgb.Length; i++)
        {
            rgb[i] = (byte)((shade + (i % 97)) % 256);
        }

        return new RgbImage(224, 128, rgb);
    }
}
