using System;
using System.Globalization;
using System.IO;
using System.Linq;
using VideoSeg.Core.Experiments;
using VideoSeg.Core.IO;
using VideoSeg.TestUtilities;
using Xunit;

namespace VideoSeg.Core.Tests.Experiments;

public sealed class ExperimentMatrixTests
{
    [Fact]
    public void TheRepositoryMatrixCoversEveryRefinementOfThePaper()
    {
        ExperimentMatrix matrix = ExperimentMatrix.Load(Path.Combine(SharedData.RepositoryRoot, "eng", "experiments.json"));

        Assert.Equal(["base", "motion-baseline", "initial", "weighted-avg-1", "weighted-avg-2", "iterative"], matrix.Configurations.Where(c => c.Table1Label is not null).Select(c => c.Name));
        Assert.Equal(RefinementKind.Reference, matrix.Find("motion-baseline").Kind);
        Assert.Equal("motion", matrix.Find("motion-baseline").Source);
        Assert.Equal([1, 2], matrix.Find("weighted-avg-2").Gaps);
        Assert.Equal(["iterative@1", "iterative@2", "iterative@3", "iterative@4", "iterative@5", "iterative@6", "iterative@7", "iterative@8"], matrix.Find("iterative").OutputNames());
        Assert.Equal("iterative@1", matrix.Find("iterative").Table1OutputName);
        Assert.Equal(0.01, matrix.Occlusion.Alpha1);
        Assert.Equal(0.5, matrix.Occlusion.Alpha2);
        Assert.Equal(64, matrix.Hash.Length);
    }

    [Theory]
    [InlineData("{ \"configurations\": [ { \"name\": \"base\", \"kind\": \"base\" }, { \"name\": \"x\", \"kind\": \"magic\" } ] }", ErrorCodes.UnknownConfiguration, "magic")]
    [InlineData("{ \"configurations\": [ { \"name\": \"base\", \"kind\": \"base\", \"alpah\": 1 } ] }", ErrorCodes.InvalidMatrix, "alpah")]
    [InlineData("{ \"configurations\": [ { \"name\": \"base\", \"kind\": \"base\" }, { \"name\": \"base\", \"kind\": \"initial\" } ] }", ErrorCodes.InvalidMatrix, "more than once")]
    [InlineData("{ \"configurations\": [ { \"name\": \"i\", \"kind\": \"initial\" } ] }", ErrorCodes.InvalidMatrix, "kind 'base'")]
    [InlineData("{ \"configurations\": [ { \"name\": \"base\", \"kind\": \"base\" }, { \"name\": \"w\", \"kind\": \"weighted-average\", \"gaps\": [3] } ] }", ErrorCodes.InvalidMatrix, "gaps")]
    [InlineData("{ \"configurations\": [ { \"name\": \"base\", \"kind\": \"base\" }, { \"name\": \"it\", \"kind\": \"iterative\", \"iterations\": 2, \"reportIteration\": 3 } ] }", ErrorCodes.InvalidMatrix, "reportIteration")]
    [InlineData("{ \"warpConvention\": \"sideways\", \"configurations\": [ { \"name\": \"base\", \"kind\": \"base\" } ] }", ErrorCodes.InvalidMatrix, "sideways")]
    [InlineData("{ not json", ErrorCodes.InvalidMatrix, "not valid JSON")]
    [InlineData("{ \"configurations\": [ { \"name\": \"base\", \"kind\": \"base\" }, { \"name\": \"r\", \"kind\": \"reference\" } ] }", ErrorCodes.InvalidMatrix, "'source'")]
    [InlineData("{ \"configurations\": [ { \"name\": \"base\", \"kind\": \"base\", \"source\": \"motion\" } ] }", ErrorCodes.InvalidMatrix, "'source'")]
    [InlineData("{ \"configurations\": [ { \"name\": \"base\", \"kind\": \"base\" }, { \"name\": \"r\", \"kind\": \"reference\", \"source\": \"a=b\" } ] }", ErrorCodes.InvalidMatrix, "a=b")]
    public void InvalidMatricesAreRejectedNamingTheProblem(string json, string code, string mentioned)
    {
        using var temp = new TempDirectory();
        string path = temp.Combine("m.json");
        File.WriteAllText(path, json);

        var ex = Assert.Throws<VideoSegException>(() => ExperimentMatrix.Load(path));

        Assert.Equal(code, ex.Code);
        Assert.Contains(mentioned, ex.Message, StringComparison.Ordinal);
        Assert.Equal(path, ex.Path);
    }

    [Fact]
    public void FindRejectsUnknownNames()
    {
        ExperimentMatrix matrix = ExperimentMatrix.Load(Path.Combine(SharedData.RepositoryRoot, "eng", "experiments.json"));

        var ex = Assert.Throws<VideoSegException>(() => matrix.Find("weighted-avg-3"));

        Assert.Equal(ErrorCodes.UnknownConfiguration, ex.Code);
        Assert.Contains("weighted-avg-2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheRepositoryMatrixParsesEveryFieldAsBefore()
    {
        string path = Path.Combine(SharedData.RepositoryRoot, "eng", "experiments.json");

        ExperimentMatrix matrix = ExperimentMatrix.Load(path);

        Assert.Equal(("ssl-vos", "source-to-target", 0.5), (matrix.WarpConvention, matrix.Propagation, matrix.Threshold));
        Assert.Equal(new OcclusionSettings("paper", 0.01, 0.5, "pixel-exact"), matrix.Occlusion);
        Assert.Equal(ContentHash.OfFile(path), matrix.Hash);
        Assert.Equal(
            [
                "base|Base|1|True|0.8|1|True|1|Base masks|ssl-vos|source-to-target|",
                "motion-baseline|Reference|1|True|0.8|1|True|1|Classical motion segmentation, no learning (reference)|ssl-vos|source-to-target|motion",
                "initial|Initial|1|True|0.8|1|True|1|Initial refinement (eq. 2)|ssl-vos|source-to-target|",
                "weighted-avg-1|WeightedAverage|1|True|0.8|1|True|1|Weighted average, t±1 (eqs. 3–7)|ssl-vos|source-to-target|",
                "weighted-avg-2|WeightedAverage|1+2|True|0.8|1|True|1|Weighted average, t±1, t±2 (eqs. 3–7)|ssl-vos|source-to-target|",
                "weighted-avg-1-neighbours-only|WeightedAverage|1|False|0.8|1|True|1||ssl-vos|source-to-target|",
                "iterative|Iterative|1|True|0.8|8|True|1|Iterative warping, α = 0.8, 1 iteration (Sec. 5.3)|ssl-vos|source-to-target|",
                "iterative-paper-code|Iterative|1|True|0.8|8|False|1||ssl-vos|source-to-target|",
                "iterative-a0.5|Iterative|1|True|0.5|8|True|1||ssl-vos|source-to-target|",
            ],
            matrix.Configurations.Select(c => string.Join(
                '|',
                c.Name,
                c.Kind,
                string.Join('+', c.Gaps),
                c.IncludeCurrent,
                c.Alpha.ToString(CultureInfo.InvariantCulture),
                c.Iterations,
                c.NormalizeWeights,
                c.ReportIteration,
                c.Table1Label,
                c.WarpConvention,
                c.Propagation,
                c.Source)));
    }

    [Theory]
    [InlineData("[]", "an array")]
    [InlineData("42", "the number 42")]
    [InlineData("null", "null")]
    [InlineData("\"matrix\"", "a string ('matrix')")]
    [InlineData("true", "true")]
    public void AMatrixWhoseTopLevelIsAnArrayIsOneVsegError(string json, string got)
    {
        VideoSegException ex = LoadFails(json, ErrorCodes.InvalidMatrix, "$:");

        Assert.Contains($"expected the experiment matrix as a JSON object, got {got}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GapsGivenAsAStringIsOneVsegError()
    {
        VideoSegException ex = LoadFails(Matrix("""{ "name": "w", "kind": "weighted-average", "gaps": "1,2" }"""), ErrorCodes.InvalidMatrix, "$.configurations[1].gaps: ");

        Assert.Contains("got a string ('1,2')", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1.5]", "$.configurations[1].gaps[0]: ")]
    [InlineData("[\"1\"]", "$.configurations[1].gaps[0]: ")]
    [InlineData("[1, 1e10]", "$.configurations[1].gaps[1]: ")]
    [InlineData("[1, -1]", "$.configurations[1].gaps[1]: ")]
    [InlineData("[1, 1]", "$.configurations[1].gaps[1]: ")]
    [InlineData("[null]", "$.configurations[1].gaps[0]: ")]
    [InlineData("[]", "$.configurations[1].gaps: ")]
    [InlineData("{}", "$.configurations[1].gaps: ")]
    public void GapsThatAreNotDistinctIntegersOneOrTwoAreOneVsegError(string gaps, string jsonPath)
    {
        LoadFails(Matrix($$"""{ "name": "w", "kind": "weighted-average", "gaps": {{gaps}} }"""), ErrorCodes.InvalidMatrix, jsonPath);
    }

    [Fact]
    public void IncludeCurrentGivenAsAStringIsOneVsegError()
    {
        VideoSegException ex = LoadFails(Matrix("""{ "name": "w", "kind": "weighted-average", "includeCurrent": "yes" }"""), ErrorCodes.InvalidMatrix, "$.configurations[1].includeCurrent: ");

        Assert.Contains("expected true or false, got a string ('yes')", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ATable1LabelThatIsNotAStringIsOneVsegError()
    {
        LoadFails(Matrix("""{ "name": "i", "kind": "initial", "table1": 5 }"""), ErrorCodes.InvalidMatrix, "$.configurations[1].table1: ");
    }

    [Fact]
    public void ATable1LabelOfNullMeansNoLabelAsBefore()
    {
        ExperimentMatrix matrix = LoadValid(Matrix("""{ "name": "i", "kind": "initial", "table1": null }"""));

        Assert.Null(matrix.Find("i").Table1Label);
    }

    [Theory]
    [InlineData("5")]
    [InlineData("\"base\"")]
    [InlineData("[]")]
    [InlineData("null")]
    public void AConfigurationThatIsNotAnObjectIsOneVsegError(string configuration)
    {
        LoadFails(Matrix(configuration), ErrorCodes.InvalidMatrix, "$.configurations[1]: ");
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("\"base\"")]
    [InlineData("[]")]
    [InlineData("null")]
    public void ConfigurationsThatAreNotANonEmptyArrayAreOneVsegError(string configurations)
    {
        LoadFails($$"""{ "configurations": {{configurations}} }""", ErrorCodes.InvalidMatrix, "$.configurations: ");
    }

    [Fact]
    public void AMissingConfigurationsKeyIsOneVsegError()
    {
        LoadFails("{ }", ErrorCodes.InvalidMatrix, "$: the required key 'configurations' is missing");
    }

    [Theory]
    [InlineData("\"name\": \"x\"", "$.configurations[1]: the required key 'kind'")]
    [InlineData("\"kind\": \"initial\"", "$.configurations[1]: the required key 'name'")]
    [InlineData("\"name\": 7, \"kind\": \"initial\"", "$.configurations[1].name: ")]
    [InlineData("\"name\": \"x\", \"kind\": 7", "$.configurations[1].kind: ")]
    public void AMissingOrMistypedNameOrKindIsOneVsegError(string members, string jsonPath)
    {
        LoadFails(Matrix("{ " + members + " }"), ErrorCodes.InvalidMatrix, jsonPath);
    }

    [Fact]
    public void AnUnknownKindIsStillAnUnknownConfigurationError()
    {
        LoadFails(Matrix("""{ "name": "x", "kind": "magic" }"""), ErrorCodes.UnknownConfiguration, "$.configurations[1].kind: ");
    }

    [Theory]
    [InlineData("[1]", "an array")]
    [InlineData("5", "the number 5")]
    [InlineData("\"paper\"", "a string ('paper')")]
    [InlineData("null", "null")]
    public void AnOcclusionThatIsNotAnObjectIsRefused(string occlusion, string got)
    {
        VideoSegException ex = LoadFails($$"""{ "occlusion": {{occlusion}}, "configurations": [ { "name": "base", "kind": "base" } ] }""", ErrorCodes.InvalidMatrix, "$.occlusion: ");

        Assert.Contains("got " + got, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ANegativeAlpha1IsRefused()
    {
        VideoSegException ex = LoadFails(Occlusion("\"alpha1\": -1"), ErrorCodes.InvalidMatrix, "$.occlusion.alpha1: ");

        Assert.Contains("expected a number from 0 to 1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("got the number -1", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"alpha1\": 1.5", "$.occlusion.alpha1: ")]
    [InlineData("\"alpha1\": \"0.01\"", "$.occlusion.alpha1: ")]
    [InlineData("\"alpha1\": 1e400", "$.occlusion.alpha1: ")]
    [InlineData("\"alpha2\": -0.5", "$.occlusion.alpha2: ")]
    [InlineData("\"alpha2\": 100.5", "$.occlusion.alpha2: ")]
    [InlineData("\"alpha2\": null", "$.occlusion.alpha2: ")]
    [InlineData("\"variant\": \"fast\"", "$.occlusion.variant: ")]
    [InlineData("\"warpConvention\": 3", "$.occlusion.warpConvention: ")]
    public void OcclusionConstantsOutsideTheirBoundsAreRefused(string member, string jsonPath)
    {
        LoadFails(Occlusion(member), ErrorCodes.InvalidMatrix, jsonPath);
    }

    [Fact]
    public void TheOcclusionBoundsAreInclusive()
    {
        ExperimentMatrix matrix = LoadValid(Occlusion("\"alpha1\": 1, \"alpha2\": 100"));

        Assert.Equal((1.0, 100.0), (matrix.Occlusion.Alpha1, matrix.Occlusion.Alpha2));
    }

    [Fact]
    public void AnUnknownOcclusionKeyIsRefused()
    {
        VideoSegException ex = LoadFails(Occlusion("\"alpah1\": 0.01"), ErrorCodes.InvalidMatrix, "$.occlusion.alpah1: ");

        Assert.Contains("unknown key 'alpah1'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("-0.5")]
    [InlineData("1e400")]
    [InlineData("\"0.5\"")]
    public void AThresholdNotStrictlyBetweenZeroAndOneIsRefused(string threshold)
    {
        VideoSegException ex = LoadFails($$"""{ "threshold": {{threshold}}, "configurations": [ { "name": "base", "kind": "base" } ] }""", ErrorCodes.InvalidMatrix, "$.threshold: ");

        Assert.Contains("strictly between 0 and 1", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("iterative", "1.5")]
    [InlineData("iterative", "-0.1")]
    [InlineData("iterative", "\"0.8\"")]
    [InlineData("weighted-average", "2")]
    public void AnAlphaOutsideZeroToOneIsRefused(string kind, string alpha)
    {
        LoadFails(Matrix($$"""{ "name": "x", "kind": "{{kind}}", "alpha": {{alpha}} }"""), ErrorCodes.InvalidMatrix, "$.configurations[1].alpha: ");
    }

    [Theory]
    [InlineData("\"iterations\": 1.5", "$.configurations[1].iterations: ")]
    [InlineData("\"iterations\": 0", "$.configurations[1].iterations: ")]
    [InlineData("\"iterations\": 65", "$.configurations[1].iterations: ")]
    [InlineData("\"iterations\": 1e10", "$.configurations[1].iterations: ")]
    [InlineData("\"iterations\": \"8\"", "$.configurations[1].iterations: ")]
    [InlineData("\"iterations\": 8, \"reportIteration\": 1.5", "$.configurations[1].reportIteration: ")]
    [InlineData("\"iterations\": 8, \"reportIteration\": 0", "$.configurations[1].reportIteration: ")]
    [InlineData("\"normalizeWeights\": 1", "$.configurations[1].normalizeWeights: ")]
    public void IterationsThatAreNotIntegersInRangeAreRefused(string members, string jsonPath)
    {
        VideoSegException ex = LoadFails(Matrix("{ \"name\": \"it\", \"kind\": \"iterative\", " + members + " }"), ErrorCodes.InvalidMatrix, jsonPath);

        Assert.DoesNotContain("Unhandled", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IntegersWrittenWithAFractionPartAreStillIntegers()
    {
        ExperimentMatrix matrix = LoadValid(Matrix("""{ "name": "it", "kind": "iterative", "iterations": 8.0, "reportIteration": 2e0 }"""));

        Assert.Equal((8, 2), (matrix.Find("it").Iterations, matrix.Find("it").ReportIteration));
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("..")]
    [InlineData("x\\u0001y")]
    [InlineData(" padded")]
    [InlineData("")]
    public void AConfigurationNameWithASeparatorIsRefused(string name)
    {
        VideoSegException ex = LoadFails(Matrix($$"""{ "name": "{{name}}", "kind": "initial" }"""), ErrorCodes.BadName, "$.configurations[1].name: ");

        Assert.Contains("configuration name", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a@b")]
    [InlineData("a b")]
    public void AConfigurationNameWithAnAtSignOrSpaceIsRefusedAsBefore(string name)
    {
        LoadFails(Matrix($$"""{ "name": "{{name}}", "kind": "initial" }"""), ErrorCodes.InvalidMatrix, "$.configurations[1].name: ");
    }

    [Theory]
    [InlineData("{ \"threshold\": 0.5, \"threshold\": 0.9, \"configurations\": [ { \"name\": \"base\", \"kind\": \"base\" } ] }", "$.threshold: ")]
    [InlineData("{ \"configurations\": [ { \"name\": \"base\", \"kind\": \"base\", \"kind\": \"initial\" } ] }", "$.configurations[0].kind: ")]
    [InlineData("{ \"occlusion\": { \"alpha1\": 0.01, \"alpha1\": -1 }, \"configurations\": [ { \"name\": \"base\", \"kind\": \"base\" } ] }", "$.occlusion.alpha1: ")]
    public void ARepeatedKeyIsRefused(string json, string jsonPath)
    {
        VideoSegException ex = LoadFails(json, ErrorCodes.InvalidMatrix, jsonPath);

        Assert.Contains("appears more than once", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n\t ")]
    public void AnEmptyFileIsOneVsegError(string text)
    {
        VideoSegException ex = LoadFails(text, ErrorCodes.InvalidMatrix, "the file is empty");

        Assert.Null(ex.InnerException);
    }

    [Fact]
    public void AFolderGivenAsTheMatrixIsOneVsegError()
    {
        using var temp = new TempDirectory();

        var ex = Assert.Throws<VideoSegException>(() => ExperimentMatrix.Load(temp.Path));

        Assert.Equal(ErrorCodes.InvalidMatrix, ex.Code);
        Assert.Equal(temp.Path, ex.Path);
        Assert.Contains("is a folder", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileThatFailsToReadIsOneVsegError()
    {
        // Reading /proc/self/mem from offset 0 fails with EIO for every user, root included, unlike a file's mode bits.
        const string path = "/proc/self/mem";

        var ex = Assert.Throws<VideoSegException>(() => ExperimentMatrix.Load(path));

        Assert.Equal(ErrorCodes.InvalidMatrix, ex.Code);
        Assert.Equal(path, ex.Path);
        Assert.Contains("cannot be read", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ \"configurations\": [ { \"name\": \"\\ud800\", \"kind\": \"base\" } ] }", "$.configurations[0].name: ")]
    [InlineData("{ \"\\udc00\": 1, \"configurations\": [ { \"name\": \"base\", \"kind\": \"base\" } ] }", "$: ")]
    public void AnUnpairedSurrogateEscapeIsOneVsegError(string json, string jsonPath)
    {
        LoadFails(json, ErrorCodes.InvalidMatrix, jsonPath);
    }

    [Fact]
    public void AKeyWithControlCharactersKeepsTheMessageOnOneLine()
    {
        VideoSegException ex = LoadFails("{ \"a\\nb\": 1, \"configurations\": [ { \"name\": \"base\", \"kind\": \"base\" } ] }", ErrorCodes.InvalidMatrix, "$['a\\u000Ab']: ");

        Assert.DoesNotContain('\n', ex.Message);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("\"1\"")]
    public void ASchemaOtherThanOneIsRefused(string schema)
    {
        LoadFails($$"""{ "schema": {{schema}}, "configurations": [ { "name": "base", "kind": "base" } ] }""", ErrorCodes.InvalidMatrix, "$.schema: ");
    }

    [Fact]
    public void TheRepositoryMatrixHasThePapersFineTuningAndItsFutureWork()
    {
        ExperimentMatrix matrix = ExperimentMatrix.Load(Path.Combine(SharedData.RepositoryRoot, "eng", "experiments.json"));

        FineTuningSettings fineTuning = matrix.FineTuning;
        Assert.Equal(["paper-code", "corrected", "paper-code-deviation", "paper-code-occlusion", "paper-code-stopping", "future-work"], fineTuning.Configurations.Select(c => c.Name));
        Assert.Equal(ConsistencyLossForm.Corrected, fineTuning.Configurations[1].Loss);
        FineTuningConfiguration all = fineTuning.Configurations[^1];
        Assert.Equal((1.0, true, FineTuningReportRule.StoppingRule), (all.Deviation, all.OcclusionWeighted, all.Report));
        Assert.Null(all.Weight);
        Assert.Equal(3, fineTuning.StoppingRule.Window);
    }

    [Fact]
    public void AMatrixWithoutFineTuningHasNone()
    {
        ExperimentMatrix matrix = LoadValid(Matrix("{ \"name\": \"i\", \"kind\": \"initial\" }"));

        Assert.Same(FineTuningSettings.None, matrix.FineTuning);
    }

    [Fact]
    public void AFineTuningConfigurationReadsEveryField()
    {
        ExperimentMatrix matrix = LoadValid(FineTuning("{ \"name\": \"x\", \"loss\": \"corrected\", \"weight\": 0.5, \"deviation\": 2, \"occlusionWeighted\": true, \"report\": \"final\", \"table2\": \"X\" }"));

        Assert.Equal(new FineTuningConfiguration("x", ConsistencyLossForm.Corrected, 0.5, 2.0, true, FineTuningReportRule.Final, "X"), Assert.Single(matrix.FineTuning.Configurations));
    }

    [Theory]
    [InlineData("{ \"name\": \"x\", \"loss\": \"l2\" }", "$.fineTuning.configurations[0].loss")]
    [InlineData("{ \"name\": \"x\", \"report\": \"best\" }", "$.fineTuning.configurations[0].report")]
    [InlineData("{ \"name\": \"x\", \"deviation\": -1 }", "$.fineTuning.configurations[0].deviation")]
    [InlineData("{ \"name\": \"x\", \"weight\": 0 }", "$.fineTuning.configurations[0].weight")]
    [InlineData("{ \"name\": \"x\", \"lr\": 1 }", "lr")]
    [InlineData("{ \"name\": \"x\" }, { \"name\": \"x\" }", "more than once")]
    public void InvalidFineTuningConfigurationsAreOneVsegErrorWithTheirPath(string configurations, string mentioned)
    {
        LoadFails(FineTuning(configurations), ErrorCodes.InvalidMatrix, mentioned);
    }

    [Fact]
    public void AFineTuningNameThatIsNotAPlainFolderNameIsRefusedWithItsPath()
    {
        LoadFails(FineTuning("{ \"name\": \"a/b\" }"), ErrorCodes.BadName, "$.fineTuning.configurations[0].name");
    }

    [Fact]
    public void StoppingRuleThresholdsOutOfRangeAreRefused()
    {
        string json = $$"""{ "configurations": [ { "name": "base", "kind": "base" } ], "fineTuning": { "stoppingRule": { "maxMaskChange": 0 }, "configurations": [ { "name": "x" } ] } }""";

        LoadFails(json, ErrorCodes.InvalidMatrix, "$.fineTuning.stoppingRule.maxMaskChange");
    }

    private static string FineTuning(string configurations) =>
        $$"""{ "configurations": [ { "name": "base", "kind": "base" } ], "fineTuning": { "configurations": [ {{configurations}} ] } }""";

    /// <summary>A matrix with the base row and <paramref name="configuration"/> as the second one.</summary>
    private static string Matrix(string configuration) =>
        $$"""{ "configurations": [ { "name": "base", "kind": "base" }, {{configuration}} ] }""";

    private static string Occlusion(string members) =>
        $$"""{ "occlusion": { {{members}} }, "configurations": [ { "name": "base", "kind": "base" } ] }""";

    private static VideoSegException LoadFails(string json, string code, string mentioned)
    {
        using var temp = new TempDirectory();
        string path = temp.Combine("m.json");
        File.WriteAllText(path, json);

        var ex = Assert.Throws<VideoSegException>(() => ExperimentMatrix.Load(path));

        Assert.True(code == ex.Code, $"expected {code}, got {ex.Code}: {ex.Message}");
        Assert.Contains(mentioned, ex.Message, StringComparison.Ordinal);
        Assert.Equal(path, ex.Path);
        Assert.DoesNotContain('\n', ex.Message);
        return ex;
    }

    private static ExperimentMatrix LoadValid(string json)
    {
        using var temp = new TempDirectory();
        string path = temp.Combine("m.json");
        File.WriteAllText(path, json);
        return ExperimentMatrix.Load(path);
    }
}
