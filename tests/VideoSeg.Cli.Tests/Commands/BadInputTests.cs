using System;
using System.IO;
using VideoSeg.Core;
using VideoSeg.Core.Formats;
using VideoSeg.Core.IO;
using VideoSeg.Core.Pipeline;
using Xunit;

namespace VideoSeg.Cli.Tests.Commands;

/// <summary>
/// Each kind of bad input gives one clear error naming the file (MSBuild's canonical format, with
/// a VSEG code), a non-zero exit, and no output folder, stamp or partial folder.
/// </summary>
public sealed class BadInputTests : IClassFixture<TinySuite>
{
    private readonly TinySuite _suite;

    public BadInputTests(TinySuite suite) => _suite = suite;

    [Fact]
    public void AMissingFrameNamesTheFrame()
    {
        (string dataset, string flows, var owner) = _suite.CopyForDamage();
        using (owner)
        {
            string frame = Path.Combine(new DatasetLayout(dataset).FramesRoot, "synth-00-rigid-affine", "00002.png");
            File.Delete(frame);
            string output = owner.Combine("results", "occlusions");

            ChildProcessResult result = Run("occlusions", "--dataset", dataset, "--flows", flows, "--out", output, "--matrix", Matrix);

            AssertCleanFailure(result, ErrorCodes.MissingFile, "00002", output);
        }
    }

    [Fact]
    public void AMaskWhoseSizeDiffersFromItsFrameIsNamed()
    {
        (string dataset, _, var owner) = _suite.CopyForDamage();
        using (owner)
        {
            string mask = new DatasetLayout(dataset).AnnotationPath("synth-01-shadow", "00003");
            File.WriteAllBytes(mask, Data.Imaging.ImageCodec.EncodePng(new Core.Imaging.BinaryMask(10, 10)));
            string output = owner.Combine("results", "evaluation");
            string predictions = owner.Combine("results", "refined");
            Directory.CreateDirectory(Path.Combine(predictions, "base", "masks"));

            ChildProcessResult result = Run("evaluate", "--dataset", dataset, "--predictions", predictions, "--out", output);

            AssertCleanFailure(result, ErrorCodes.SizeMismatch, "00003.png", output);
            Assert.Contains("10×10", result.Stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AMissingPredictedMaskIsNamed()
    {
        (string dataset, _, var owner) = _suite.CopyForDamage();
        using (owner)
        {
            var layout = new DatasetLayout(dataset);
            string predictions = owner.Combine("results", "refined");
            string masks = Path.Combine(predictions, "base", "masks", "synth-00-rigid-affine");
            Directory.CreateDirectory(masks);
            foreach (string stem in new[] { "00000", "00001", "00003", "00004" })
            {
                File.Copy(layout.AnnotationPath("synth-00-rigid-affine", stem), Path.Combine(masks, stem + ".png"));
            }

            string output = owner.Combine("results", "evaluation");

            ChildProcessResult result = Run("evaluate", "--dataset", dataset, "--predictions", predictions, "--out", output);

            AssertCleanFailure(result, ErrorCodes.MissingFile, Path.Combine(masks, "00002.png"), output);
        }
    }

    [Fact]
    public void ACorruptImageIsNamed()
    {
        (string dataset, string flows, var owner) = _suite.CopyForDamage();
        using (owner)
        {
            string frame = Path.Combine(new DatasetLayout(dataset).FramesRoot, "synth-00-rigid-affine", "00001.png");
            byte[] bytes = File.ReadAllBytes(frame);
            File.WriteAllBytes(frame, bytes.AsSpan(0, bytes.Length / 3).ToArray());
            string output = owner.Combine("results", "tvl1");

            ChildProcessResult result = Run("flows", "--dataset", dataset, "--out", output, "--estimator", "tvl1-fast", "--height", "48", "--width", "64");

            AssertCleanFailure(result, ErrorCodes.CorruptImage, "00001.png", output);
        }
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("nan")]
    [InlineData("magic")]
    public void ABadFloFileIsNamedWithWhatWasExpected(string defect)
    {
        (string dataset, string flows, var owner) = _suite.CopyForDamage();
        using (owner)
        {
            string flo = DatasetLayout.FlowPath(flows, 1, "synth-01-shadow", "00002");
            byte[] bytes = File.ReadAllBytes(flo);
            switch (defect)
            {
                case "truncated":
                    bytes = bytes.AsSpan(0, bytes.Length - 7).ToArray();
                    break;
                case "nan":
                    BitConverter.TryWriteBytes(bytes.AsSpan(12 + 40), float.NaN);
                    break;
                default:
                    bytes[0] ^= 0x55;
                    break;
            }

            File.WriteAllBytes(flo, bytes);
            string output = owner.Combine("results", "occlusions");

            ChildProcessResult result = Run("occlusions", "--dataset", dataset, "--flows", flows, "--out", output, "--matrix", Matrix);

            AssertCleanFailure(result, ErrorCodes.CorruptFlow, flo, output);
        }
    }

    [Fact]
    public void AnUnknownConfigurationNameListsTheKnownOnes()
    {
        (string dataset, string flows, var owner) = _suite.CopyForDamage();
        using (owner)
        {
            string output = owner.Combine("results", "refined");

            ChildProcessResult result = Run(
                "refine", "--dataset", dataset, "--flows", flows, "--occlusions", flows, "--basemasks", flows,
                "--matrix", Matrix, "--config", "no-such-config", "--out", output);

            AssertCleanFailure(result, ErrorCodes.UnknownConfiguration, "no-such-config", output);
            Assert.Contains("weighted-avg-1", result.Stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AReferenceRowWithoutItsBaseMasksSaysWhichToPass()
    {
        (string dataset, string flows, var owner) = _suite.CopyForDamage();
        using (owner)
        {
            string output = owner.Combine("results", "refined");

            ChildProcessResult result = Run(
                "refine", "--dataset", dataset, "--flows", flows, "--occlusions", flows, "--basemasks", flows,
                "--matrix", Matrix, "--out", output);

            AssertCleanFailure(result, ErrorCodes.InvalidArgument, "--reference motion=", output);
        }
    }

    [Fact]
    public void AReferenceFolderThatIsMissingIsNamed()
    {
        (string dataset, string flows, var owner) = _suite.CopyForDamage();
        using (owner)
        {
            string output = owner.Combine("results", "refined");
            string missing = owner.Combine("results", "basemasks", "motion");

            ChildProcessResult result = Run(
                "refine", "--dataset", dataset, "--flows", flows, "--occlusions", flows, "--basemasks", flows,
                "--reference", $"motion={missing}", "--matrix", Matrix, "--out", output);

            AssertCleanFailure(result, ErrorCodes.MissingFile, missing, output);
        }
    }

    [Theory]
    [InlineData("100000", "100000", "--width 100000")]
    [InlineData("224", "8193", "--height 8193")]
    public void AWorkingSizeBeyondTheBoundIsOneInvalidArgumentLine(string width, string height, string named)
    {
        using var temp = new TestUtilities.TempDirectory();
        string output = temp.Combine("flows");

        ChildProcessResult result = Run("flows", "--dataset", _suite.Dataset, "--out", output, "--estimator", "groundtruth", "--width", width, "--height", height);

        AssertCleanFailure(result, ErrorCodes.InvalidArgument, named, output);
        Assert.Contains("1 to 8192", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void AFloFileRoundTripsThroughTheFlowsStageUnchanged()
    {
        string source = DatasetLayout.FlowPath(new DatasetLayout(_suite.Dataset).GroundTruthFlowsRoot, -2, "synth-00-rigid-affine", "00004");
        string cached = DatasetLayout.FlowPath(_suite.Flows, -2, "synth-00-rigid-affine", "00004");

        Assert.Equal(FloFormat.Read(source).Data, FloFormat.Read(cached).Data);
    }

    private static string Matrix => Path.Combine(TestUtilities.SharedData.RepositoryRoot, "eng", "experiments.json");

    private static ChildProcessResult Run(params string[] arguments) => CliRunner.Run(arguments);

    private static void AssertCleanFailure(ChildProcessResult result, string code, string named, string output)
    {
        Assert.Equal(2, result.ExitCode);
        string[] errors = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string error = Assert.Single(errors);
        Assert.Contains($"error {code}:", error, StringComparison.Ordinal);
        Assert.Contains(named, error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output), $"'{output}' exists after a failed run");
        Assert.False(Directory.Exists(output + ".partial"), "a partial folder was left behind");
        Assert.False(File.Exists(output + ".stamp.json"), "a stamp was written for a failed run");
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(output)!, "*.tmp", SearchOption.AllDirectories));
    }
}
