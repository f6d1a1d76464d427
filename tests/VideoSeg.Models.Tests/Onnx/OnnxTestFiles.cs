using System;
using System.IO;
using Google.Protobuf;
using VideoSeg.Models.Onnx;
using VideoSeg.Models.Onnx.Protos;

namespace VideoSeg.Models.Tests.Onnx;

/// <summary>Copies of the package's ONNX models, edited and written by the tests, for the reader's strictness cases.</summary>
internal static class OnnxTestFiles
{
    private static readonly Lazy<byte[]> s_model = new(() => File.ReadAllBytes(ResNet18Package.Locate().ModelPath));
    private static readonly Lazy<byte[]> s_preprocess = new(() => File.ReadAllBytes(ResNet18Package.Locate().PreprocessPath));

    /// <summary>The package's <c>ResNet18.onnx</c>, parsed afresh so that each test edits its own copy.</summary>
    public static ModelProto Network() => ModelProto.Parser.ParseFrom(s_model.Value);

    /// <summary>The package's <c>ResNetPreprocess.onnx</c>, parsed afresh.</summary>
    public static ModelProto Preprocess() => ModelProto.Parser.ParseFrom(s_preprocess.Value);

    /// <summary>Writes <paramref name="model"/> to <paramref name="path"/> and returns the path.</summary>
    public static string Write(ModelProto model, string path)
    {
        File.WriteAllBytes(path, model.ToByteArray());
        return path;
    }
}
