using System;
using System.IO;
using System.Linq;
using VideoSeg.Cli.Matrix;
using VideoSeg.Core;
using VideoSeg.TestUtilities;
using Xunit;

namespace VideoSeg.Cli.Tests.Matrix;

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
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FindRejectsUnknownNames()
    {
        ExperimentMatrix matrix = ExperimentMatrix.Load(Path.Combine(SharedData.RepositoryRoot, "eng", "experiments.json"));

        var ex = Assert.Throws<VideoSegException>(() => matrix.Find("weighted-avg-3"));

        Assert.Equal(ErrorCodes.UnknownConfiguration, ex.Code);
        Assert.Contains("weighted-avg-2", ex.Message, StringComparison.Ordinal);
    }
}
