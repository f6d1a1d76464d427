using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using VideoSeg.Core.Imaging;
using VideoSeg.Data.Imaging;
using VideoSeg.Flow.Warping;
using VideoSeg.Models.Network;
using VideoSeg.Models.Onnx;
using VideoSeg.TestUtilities;
using Xunit;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace VideoSeg.Models.Tests.Onnx;

/// <summary>
/// Our TorchSharp ResNet18, loaded by <see cref="ResNet18OnnxReader"/>, against ONNX Runtime running the package's own
/// ONNX models on the same real frame (car-shadow's first frame, area-resized to 224×224).
/// </summary>
public sealed class ResNet18OnnxRuntimeAgreementTests
{
    /// <summary>
    /// Per level, the largest |ours − ORT| may be this fraction of the level's largest |ORT| activation. Both run float32
    /// convolutions with different kernels (oneDNN in libtorch, MLAS in ORT) and summation orders; rounding of about
    /// 1e-7 relative per accumulation grows through up to 20 convolutions and BatchNorms, which gives a few 1e-6 of the
    /// range; 1e-4 leaves room for other CPUs' kernels while a wrong weight, padding or channel order shows as 1e-1 or more.
    /// </summary>
    private const double RelativeTolerance = 1e-4;

    private readonly ITestOutputHelper _output;

    public ResNet18OnnxRuntimeAgreementTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [SkippableFact]
    public void Preprocessing_EqualsOnnxRuntimeOnThePackagesPreprocessModel_Exactly()
    {
        float[] frame = Frame224(out long[] shape);
        ResNet18Package package = ResNet18Package.Locate();
        using var scope = NewDisposeScope();
        using var backbone = package.CreateBackbone();
        float[] ours = backbone.Preprocess(tensor(frame, shape)).data<float>().ToArray();
        float[] peer = ResNet18Peer.Run(File.ReadAllBytes(package.PreprocessPath), frame, shape, ["PreprocessedInput"])["PreprocessedInput"];

        Assert.Equal(peer.Length, ours.Length);
        Assert.Equal(0.0, MaxAbsDifference(ours, peer));
    }

    [SkippableFact]
    public void EveryLevelAndThePooledFeatures_AgreeWithOnnxRuntimeOnThePackagesModel()
    {
        float[] frame = Frame224(out long[] shape);
        ResNet18Package package = ResNet18Package.Locate();
        using var scope = NewDisposeScope();
        using var backbone = package.CreateBackbone();
        float[] preprocessed = ResNet18Peer.Run(File.ReadAllBytes(package.PreprocessPath), frame, shape, ["PreprocessedInput"])["PreprocessedInput"];
        (byte[] model, string[] levels) = ResNet18Peer.WithLevelOutputs(package.ModelPath);
        var onnx = OnnxModel.Read(package.ModelPath);
        Dictionary<string, float[]> peer = ResNet18Peer.Run(model, preprocessed, shape, [.. levels, .. onnx.OutputNames]);

        Tensor input = tensor(frame, shape);
        Tensor[] ours = backbone.call(input);
        var pairs = new List<(string Name, float[] Ours, float[] Peer)>();
        for (int level = 0; level < 4; level++)
        {
            pairs.Add(($"res{level + 2} {string.Join("x", ours[level].shape)}", ours[level].data<float>().ToArray(), peer[levels[level]]));
        }

        pairs.Add(("pooled 512", backbone.PooledFeatures(input).data<float>().ToArray(), peer[onnx.OutputNames[0]]));
        foreach ((string name, float[] mine, float[] theirs) in pairs)
        {
            Assert.Equal(theirs.Length, mine.Length);
            double maxAbs = MaxAbsDifference(mine, theirs);
            double range = theirs.Max(Math.Abs);
            double maxRelative = mine.Zip(theirs, (a, b) => Math.Abs(b) >= 0.01 * range ? Math.Abs(a - b) / Math.Abs(b) : 0).Max();
            _output.WriteLine($"{name}: max |diff| {maxAbs:E2}, max |ORT| {range:F3}, max |diff| / max |ORT| {maxAbs / range:E2}, max relative diff where |ORT| >= 1% of max {maxRelative:E2}");
            Assert.True(maxAbs <= RelativeTolerance * range, $"{name}: max |ours - ORT| = {maxAbs:E3} exceeds {RelativeTolerance:E0} x {range:F3}");
        }
    }

    private static float[] Frame224(out long[] shape)
    {
        string path = SharedData.RequirePath("davis2016-car-shadow/JPEGImages/480p/car-shadow/00000.jpg");
        RgbImage frame = ImageResizer.Resize(ImageCodec.ReadRgb(path), ResNet18Backbone.MeanImageSide, ResNet18Backbone.MeanImageSide);
        using var scope = NewDisposeScope();
        Tensor images = FlowTensors.FromImages([frame], CPU);
        shape = images.shape;
        return images.data<float>().ToArray();
    }

    private static double MaxAbsDifference(float[] a, float[] b) => a.Zip(b, (x, y) => Math.Abs((double)x - y)).Max();
}
