using System.IO;
using VideoSeg.Core;
using VideoSeg.Models.Onnx;
using VideoSeg.TestUtilities;
using Xunit;

namespace VideoSeg.Models.Tests.Onnx;

public sealed class ResNet18PackageTests
{
    [Fact]
    public void ThePackage_IsFoundInNuGetsGlobalPackagesFolder_WithBothModels()
    {
        ResNet18Package package = ResNet18Package.Locate();

        Assert.Equal("Microsoft.ML.DnnImageFeaturizer.ResNet18", ResNet18Package.PackageId);
        Assert.Equal("0.24.0", ResNet18Package.PackageVersion);
        Assert.True(File.Exists(package.ModelPath));
        Assert.True(File.Exists(package.PreprocessPath));
        Assert.Contains("ResNet18 (ImageNet-supervised)", ResNet18Package.Description);
    }

    [Fact]
    public void AFolderWithoutTheModel_IsOneMissingFileErrorNamingTheFileAndThePackage()
    {
        using var temp = new TempDirectory();

        var error = Assert.Throws<VideoSegException>(() => ResNet18Package.Locate(temp.Path));

        Assert.Equal(ErrorCodes.MissingFile, error.Code);
        Assert.Equal(Path.Combine(temp.Path, ResNet18Package.ModelRelativePath), error.Path);
        Assert.Contains("tools/DnnImageModels/ResNet18Onnx/ResNet18.onnx", error.Message);
        Assert.Contains("Microsoft.ML.DnnImageFeaturizer.ResNet18 0.24.0", error.Message);
        Assert.Contains(ResNet18Package.EnvironmentVariable, error.Message);
    }

    [Fact]
    public void AFolderWithOnlyTheNetwork_NamesTheMissingPreprocessingModel()
    {
        using var temp = new TempDirectory();
        string model = temp.Combine(ResNet18Package.ModelRelativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(model)!);
        File.WriteAllBytes(model, []);

        var error = Assert.Throws<VideoSegException>(() => ResNet18Package.Locate(temp.Path));

        Assert.Equal(Path.Combine(temp.Path, ResNet18Package.PreprocessRelativePath), error.Path);
        Assert.Contains("ResNetPreprocess.onnx", error.Message);
    }
}
