using System.IO;
using System.Linq;
using Google.Protobuf;
using VideoSeg.Core;
using VideoSeg.Models.Network;
using VideoSeg.Models.Onnx;
using VideoSeg.Models.Onnx.Protos;
using VideoSeg.TestUtilities;
using Xunit;
using static TorchSharp.torch;

namespace VideoSeg.Models.Tests.Onnx;

public sealed class ResNet18OnnxReaderTests
{
    [Fact]
    public void ThePackagesModel_BindsEveryOneOfIts110Initializers_ByStructure()
    {
        var model = OnnxModel.Read(ResNet18Package.Locate().ModelPath);
        Assert.Equal(110, model.Initializers.Count);
        Assert.Equal(8, model.OpsetVersion);
        using var scope = NewDisposeScope();
        using var backbone = new ResNet18Backbone();

        Assert.Equal(110, ResNet18OnnxReader.LoadWeights(backbone, model));

        // The stem's Conv reads the graph input; its weight is CNTK's 'Parameter91' (the names carry no meaning).
        OnnxNode stem = model.Nodes.First(n => n.OpType == "Conv");
        Tensor expected = model.Initializers[stem.Inputs[1]].ToTorch();
        Assert.True(backbone.Stem.weight!.allclose(expected, rtol: 0, atol: 0));

        // layer4.2 exists: CNTK's ResNet18 has three blocks in its last stage, and the last BN feeds the final Add.
        OnnxNode lastBn = model.Nodes.Last(n => n.OpType == "BatchNormalization");
        Tensor variance = model.Initializers[lastBn.Inputs[4]].ToTorch();
        Assert.True(backbone.state_dict()["layer4.2.bn2.running_var"].allclose(variance, rtol: 0, atol: 0));
    }

    [Fact]
    public void AMissingInitializer_IsOneErrorNamingIt_AndNothingIsCopied()
    {
        using var temp = new TempDirectory();
        ModelProto proto = OnnxTestFiles.Network();
        string weight = proto.Graph.Node.First(n => n.OpType == "Conv").Input[1];
        proto.Graph.Initializer.Remove(proto.Graph.Initializer.Single(t => t.Name == weight));
        string path = OnnxTestFiles.Write(proto, temp.Combine("missing.onnx"));
        using var scope = NewDisposeScope();
        using var backbone = new ResNet18Backbone();
        Tensor before = backbone.Stem.weight!.clone();

        var error = Assert.Throws<VideoSegException>(() => ResNet18OnnxReader.LoadWeights(backbone, OnnxModel.Read(path)));

        Assert.Equal(ErrorCodes.BadLayout, error.Code);
        Assert.Equal(path, error.Path);
        Assert.Contains($"1 missing initializers: '{weight}' (for conv1.weight, [64, 3, 7, 7])", error.Message);
        Assert.True(backbone.Stem.weight!.allclose(before, rtol: 0, atol: 0));
    }

    [Fact]
    public void AMisshapenInitializer_IsOneErrorNamingItAndTheModuleTensor()
    {
        using var temp = new TempDirectory();
        ModelProto proto = OnnxTestFiles.Network();
        string scale = proto.Graph.Node.First(n => n.OpType == "BatchNormalization").Input[1];
        TensorProto tensor = proto.Graph.Initializer.Single(t => t.Name == scale);
        tensor.Dims[0] = 65;
        tensor.RawData = ByteString.CopyFrom(new byte[65 * sizeof(float)]);
        string path = OnnxTestFiles.Write(proto, temp.Combine("misshapen.onnx"));
        using var backbone = new ResNet18Backbone();

        var error = Assert.Throws<VideoSegException>(() => ResNet18OnnxReader.LoadWeights(backbone, OnnxModel.Read(path)));

        Assert.Equal(ErrorCodes.BadLayout, error.Code);
        Assert.Contains($"1 shape mismatches: '{scale}' is [65], bn1.weight needs [64]", error.Message);
    }

    [Fact]
    public void AnExtraInitializer_IsOneErrorNamingIt()
    {
        using var temp = new TempDirectory();
        ModelProto proto = OnnxTestFiles.Network();
        var extra = new TensorProto { Name = "Unused7", DataType = 1, RawData = ByteString.CopyFrom(new byte[3 * sizeof(float)]) };
        extra.Dims.Add(3);
        proto.Graph.Initializer.Add(extra);
        string path = OnnxTestFiles.Write(proto, temp.Combine("extra.onnx"));
        using var backbone = new ResNet18Backbone();

        var error = Assert.Throws<VideoSegException>(() => ResNet18OnnxReader.LoadWeights(backbone, OnnxModel.Read(path)));

        Assert.Contains("1 extra initializers: 'Unused7' [3]", error.Message);
    }

    [Fact]
    public void AConvolutionWithOtherPadding_IsAStructuralErrorNamingTheNode()
    {
        using var temp = new TempDirectory();
        ModelProto proto = OnnxTestFiles.Network();
        NodeProto stem = proto.Graph.Node.First(n => n.OpType == "Conv");
        AttributeProto pads = stem.Attribute.Single(a => a.Name == "pads");
        pads.Ints.Clear();
        pads.Ints.Add([3, 3, 3, 3]);
        string path = OnnxTestFiles.Write(proto, temp.Combine("pads.onnx"));
        using var backbone = new ResNet18Backbone();

        var error = Assert.Throws<VideoSegException>(() => ResNet18OnnxReader.LoadWeights(backbone, OnnxModel.Read(path)));

        Assert.Equal(ErrorCodes.BadLayout, error.Code);
        Assert.Contains($"#0 Conv '{stem.Name}'", error.Message);
        Assert.Contains("pads [3, 3, 3, 3], expected [3, 3, 2, 2]", error.Message);
    }

    [Fact]
    public void BytesThatAreNotOnnx_AreOneBadLayoutError()
    {
        using var temp = new TempDirectory();
        string path = temp.Combine("not.onnx");
        File.WriteAllBytes(path, [0xff, 0xff, 0xff, 0xff, 0x0f]);

        var error = Assert.Throws<VideoSegException>(() => OnnxModel.Read(path));

        Assert.Equal(ErrorCodes.BadLayout, error.Code);
        Assert.Equal(path, error.Path);
    }

    [Fact]
    public void ThePreprocessingModel_IsBgrMinusTheMeanImage_AndLoadsIt()
    {
        var model = OnnxModel.Read(ResNet18Package.Locate().PreprocessPath);
        using var scope = NewDisposeScope();
        using var backbone = new ResNet18Backbone();

        ResNet18OnnxReader.LoadPreprocessing(backbone, model);

        Tensor mean = model.Initializers["MeanImage"].ToTorch();
        Assert.True(backbone.MeanImage.allclose(mean, rtol: 0, atol: 0));

        // Channel 0 of the output is the input's blue channel minus the mean image's channel 0; no scaling.
        Tensor rgb = arange(3 * 224 * 224, dtype: ScalarType.Float32).reshape(1, 3, 224, 224) % 255;
        Tensor output = backbone.Preprocess(rgb);
        Assert.True(output[0, 0].allclose(rgb[0, 2] - mean[0, 0], rtol: 0, atol: 0));
        Assert.True(output[0, 2].allclose(rgb[0, 0] - mean[0, 2], rtol: 0, atol: 0));
    }

    [Fact]
    public void APreprocessingModelThatKeepsRgbOrder_IsRejected()
    {
        using var temp = new TempDirectory();
        ModelProto proto = OnnxTestFiles.Preprocess();
        NodeProto concat = proto.Graph.Node.Single(n => n.OpType == "Concat");
        string[] reversed = concat.Input.Reverse().ToArray();
        concat.Input.Clear();
        concat.Input.Add(reversed);
        string path = OnnxTestFiles.Write(proto, temp.Combine("rgb.onnx"));
        using var backbone = new ResNet18Backbone();

        var error = Assert.Throws<VideoSegException>(() => ResNet18OnnxReader.LoadPreprocessing(backbone, OnnxModel.Read(path)));

        Assert.Equal(ErrorCodes.BadLayout, error.Code);
        Assert.Contains("reverse order", error.Message);
    }
}
