using System.IO;
using System.Linq;
using VideoSeg.Core.FineTuning;
using VideoSeg.TestUtilities;
using Xunit;

namespace VideoSeg.Core.Tests.FineTuning;

public sealed class FineTuningStoreTests
{
    [Fact]
    public void ASnapshotNameCarriesItsIterationAndStemAndSortsByIteration()
    {
        string name = FineTuningStore.SnapshotFileName(40, "00022");

        Assert.Equal("0000040-00022.png", name);
        Assert.Equal((40, "00022"), FineTuningStore.ParseSnapshotFileName(Path.Combine("snapshots", "paper-code", name)));
        Assert.True(string.CompareOrdinal(FineTuningStore.SnapshotFileName(9, "x"), FineTuningStore.SnapshotFileName(10, "x")) < 0);
    }

    [Theory]
    [InlineData("40-00022.png")]
    [InlineData("00000a0-00022.png")]
    [InlineData("0000040.png")]
    public void AnotherNameIsOneErrorNamingTheFile(string name)
    {
        var error = Assert.Throws<VideoSegException>(() => FineTuningStore.ParseSnapshotFileName(name));

        Assert.Equal((ErrorCodes.BadLayout, name), (error.Code, error.Path));
    }

    [Fact]
    public void ARecordRoundTripsWithTheStartingModelsMissingConsistency()
    {
        using var temp = new TempDirectory();
        FineTuningRunRecord record = Record("paper-code", "bmx");

        FineTuningStore.Write(temp.Path, record);
        FineTuningRunRecord read = FineTuningStore.ReadAll(temp.Path).Single();

        Assert.Equal(record.Evaluations, read.Evaluations);
        Assert.Equal(record.Steps, read.Steps);
        Assert.True(double.IsNaN(read.Start.Signals.Consistency));
        Assert.Equal((2, 0.7), (read.OracleBest.Iteration, read.OracleBest.OracleJ));
        Assert.Equal(1, read.AtStopping.Iteration);
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("{}")]
    public void ADamagedRecordIsOneErrorNamingTheFile(string text)
    {
        using var temp = new TempDirectory();
        string path = FineTuningStore.PathOf(temp.Path, "paper-code", "bmx");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);

        var error = Assert.Throws<VideoSegException>(() => FineTuningStore.ReadAll(temp.Path));

        Assert.Equal(ErrorCodes.BadLayout, error.Code);
        Assert.Equal(path, error.Path);
    }

    [Fact]
    public void NoRecordsAtAllSaysWhatToRun()
    {
        using var temp = new TempDirectory();

        var error = Assert.Throws<VideoSegException>(() => FineTuningStore.ReadAll(temp.Path));

        Assert.Contains("videoseg finetune", error.Message, System.StringComparison.Ordinal);
    }

    private static FineTuningRunRecord Record(string configuration, string sequence) => new(
        configuration,
        sequence,
        "per-sequence",
        2,
        1,
        12,
        [new FineTuningStepRow(0, 0.5, 10, 0), new FineTuningStepRow(1, 0.4, 9, 0)],
        [
            new FineTuningEvaluationRow(0, 0.6, 0.5, new GroundTruthFreeSignals(0, double.NaN, 0.1, 0, 0)),
            new FineTuningEvaluationRow(1, 0.65, 0.6, new GroundTruthFreeSignals(1, 10, 0.11, 0.01, 0.05)),
            new FineTuningEvaluationRow(2, 0.7, 0.6, new GroundTruthFreeSignals(2, 9, 0.12, 0.02, 0.1)),
        ],
        new StoppingDecision(1, "plateau"),
        1.5,
        2);
}
