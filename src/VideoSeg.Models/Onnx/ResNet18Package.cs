using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using VideoSeg.Core;
using VideoSeg.Core.IO;
using VideoSeg.Models.Network;

namespace VideoSeg.Models.Onnx;

/// <summary>
/// The NuGet package that ships the ImageNet ResNet18 (<c>Microsoft.ML.DnnImageFeaturizer.ResNet18</c>, MIT), found in
/// NuGet's global packages folder at run time. The Models project downloads it at restore (a <c>PackageDownload</c>,
/// so none of its ML.NET dependencies come along and nothing is copied to the output) and records the package id,
/// the version and the folder restore used as assembly metadata. The folder is looked for in this order: the
/// caller's override, <see cref="EnvironmentVariable"/>, the global packages folder the build restored into,
/// <c>NUGET_PACKAGES</c>, and <c>~/.nuget/packages</c>.
/// </summary>
public sealed class ResNet18Package
{
    /// <summary>Names the package's folder (the one holding <c>tools/</c>) when it is not in NuGet's global packages folder.</summary>
    public const string EnvironmentVariable = "VIDEOSEG_RESNET18_PACKAGE";

    /// <summary>The model's path inside the package.</summary>
    public const string ModelRelativePath = "tools/DnnImageModels/ResNet18Onnx/ResNet18.onnx";

    /// <summary>The preprocessing model's path inside the package.</summary>
    public const string PreprocessRelativePath = "tools/DnnImageModels/ResNetPrepOnnx/ResNetPreprocess.onnx";

    private ResNet18Package(string root)
    {
        Root = root;
    }

    /// <summary>The package id, from the build (<c>eng/Versions.props</c>).</summary>
    public static string PackageId { get; } = Metadata("ResNet18PackageId");

    /// <summary>The package version, from the build (<c>eng/Versions.props</c>).</summary>
    public static string PackageVersion { get; } = Metadata("ResNet18PackageVersion");

    /// <summary>The package's folder.</summary>
    public string Root { get; }

    /// <summary><c>ResNet18.onnx</c>: the network, CNTK 2.6's export at opset 8.</summary>
    public string ModelPath => Path.Combine(Root, ModelRelativePath);

    /// <summary><c>ResNetPreprocess.onnx</c>: the network's input normalisation.</summary>
    public string PreprocessPath => Path.Combine(Root, PreprocessRelativePath);

    /// <summary>How manifests name the weights: the backbone's label, the package and its version.</summary>
    public static string Description => $"{ResNet18Backbone.DisplayName}, {PackageId} {PackageVersion}";

    /// <summary>
    /// Finds the package. Throws <see cref="VideoSegException"/> (<see cref="ErrorCodes.MissingFile"/>) naming the
    /// file, the package and every folder looked in when neither folder holds both models.
    /// </summary>
    /// <param name="overrideRoot">The package's folder, taking precedence over every other place; null to search.</param>
    public static ResNet18Package Locate(string? overrideRoot = null)
    {
        List<string> candidates = Candidates(overrideRoot).Distinct(StringComparer.Ordinal).ToList();
        foreach (string candidate in candidates)
        {
            var package = new ResNet18Package(candidate);
            if (File.Exists(package.ModelPath) && File.Exists(package.PreprocessPath))
            {
                return package;
            }
        }

        string first = candidates.Count > 0 ? candidates[0] : string.Empty;
        var expected = new ResNet18Package(first);
        string file = File.Exists(expected.ModelPath) ? expected.PreprocessPath : expected.ModelPath;
        throw new VideoSegException(
            ErrorCodes.MissingFile,
            $"The ImageNet ResNet18 model '{(file == expected.ModelPath ? ModelRelativePath : PreprocessRelativePath)}' of the NuGet package {PackageId} {PackageVersion} was not found "
                + $"(looked in {string.Join(", ", candidates.Select(c => $"'{c}'"))}). Run 'dotnet restore' on VideoSeg.sln to download the package, or set {EnvironmentVariable} to its folder.",
            file);
    }

    /// <summary>A content hash of both model files, for stage stamps: another package's weights make another model.</summary>
    public string ComputeHash() => ContentHash.OfString(ContentHash.OfFile(ModelPath) + "\n" + ContentHash.OfFile(PreprocessPath));

    /// <summary>A <see cref="ResNet18Backbone"/> holding the package's weights and preprocessing, frozen and in evaluation mode.</summary>
    public ResNet18Backbone CreateBackbone()
    {
        var backbone = new ResNet18Backbone();
        try
        {
            LoadInto(backbone);
            return backbone;
        }
        catch
        {
            backbone.Dispose();
            throw;
        }
    }

    /// <summary>Loads the package's weights and mean image into <paramref name="backbone"/> (strictly: see <see cref="ResNet18OnnxReader"/>).</summary>
    public void LoadInto(ResNet18Backbone backbone)
    {
        ArgumentNullException.ThrowIfNull(backbone);
        ResNet18OnnxReader.LoadWeights(backbone, OnnxModel.Read(ModelPath));
        ResNet18OnnxReader.LoadPreprocessing(backbone, OnnxModel.Read(PreprocessPath));
    }

    private static IEnumerable<string> Candidates(string? overrideRoot)
    {
        if (!string.IsNullOrEmpty(overrideRoot))
        {
            // An explicit folder is the only place looked in: a wrong one must not be silently replaced by another copy.
            yield return Path.GetFullPath(overrideRoot);
            yield break;
        }

        string? fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            yield return Path.GetFullPath(fromEnvironment);
            yield break;
        }

        string relative = Path.Combine(PackageId.ToLowerInvariant(), PackageVersion.ToLowerInvariant());
        string buildRoot = Metadata("NuGetPackageRoot");
        if (buildRoot.Length > 0)
        {
            yield return Path.GetFullPath(Path.Combine(buildRoot, relative));
        }

        string? nugetPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        if (!string.IsNullOrEmpty(nugetPackages))
        {
            yield return Path.GetFullPath(Path.Combine(nugetPackages, relative));
        }

        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (home.Length > 0)
        {
            yield return Path.GetFullPath(Path.Combine(home, ".nuget", "packages", relative));
        }
    }

    private static string Metadata(string key) =>
        typeof(ResNet18Package).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value ?? string.Empty;
}
