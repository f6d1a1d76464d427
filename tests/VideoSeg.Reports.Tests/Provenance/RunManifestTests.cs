using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using VideoSeg.Core;
using VideoSeg.Core.Pipeline;
using VideoSeg.Reports.Provenance;
using VideoSeg.Reports.Tests.Tables;
using VideoSeg.TestUtilities;
using Xunit;

namespace VideoSeg.Reports.Tests.Provenance;

public sealed class RunManifestTests
{
    private static RunManifest Manifest(bool reverseInsertion = false)
    {
        var inputs = new List<KeyValuePair<string, string>>
        {
            new("datasets/davis/a.png", "aa"),
            new("datasets/davis/b.png", "bb"),
            new("baselines/table1.csv", "cc"),
        };
        if (reverseInsertion)
        {
            inputs.Reverse();
        }

        return new RunManifest(
            RunManifest.CurrentSchemaVersion,
            new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero),
            new DateTimeOffset(2025, 1, 2, 4, 5, 6, 789, TimeSpan.Zero),
            Table1MarkdownWriterTests.Environment(),
            new Dictionary<string, string> { ["ScottPlot"] = "5.1.59", ["CsvHelper"] = "33.1.0" },
            new Dictionary<string, string> { ["alpha"] = "0.8", ["iterations"] = "10" },
            "matrixhash",
            new Dictionary<string, string>(inputs),
            new Dictionary<string, string> { ["results/table1.csv"] = "dd" },
            [new StageStamp("flows", "in", "out", new Dictionary<string, string> { ["model"] = "raft-things" }, 12.5)],
            "DAVIS: mean over sequences of per-frame J; all frames; oracle foreground choice");
    }

    [Fact]
    public void Writing_then_reading_gives_the_manifest_back()
    {
        using var temp = new TempDirectory();
        string path = temp.Combine("results", "manifest.json");
        RunManifest written = Manifest();
        RunManifestWriter.Write(path, written);

        RunManifest read = RunManifestReader.Read(path);

        Assert.Equal(written.SchemaVersion, read.SchemaVersion);
        Assert.Equal(written.StartedUtc, read.StartedUtc);
        Assert.Equal(written.FinishedUtc, read.FinishedUtc);
        Assert.Equal(written.Environment.Git, read.Environment.Git);
        Assert.Equal(written.Environment.Device, read.Environment.Device);
        Assert.Equal(written.Environment.Seeds.OrderBy(s => s.Key), read.Environment.Seeds.OrderBy(s => s.Key));
        Assert.Equal(written.InputHashes.OrderBy(s => s.Key), read.InputHashes.OrderBy(s => s.Key));
        Assert.Equal(written.OutputHashes.OrderBy(s => s.Key), read.OutputHashes.OrderBy(s => s.Key));
        Assert.Equal(written.Parameters.OrderBy(s => s.Key), read.Parameters.OrderBy(s => s.Key));
        Assert.Equal(written.ToolVersions.OrderBy(s => s.Key), read.ToolVersions.OrderBy(s => s.Key));
        Assert.Equal(written.MatrixHash, read.MatrixHash);
        Assert.Equal(written.Protocol, read.Protocol);
        StageStamp stage = Assert.Single(read.Stages);
        Assert.Equal("flows", stage.Stage);
        Assert.Equal(12.5, stage.ElapsedSeconds);
        Assert.Equal("raft-things", stage.Parameters["model"]);
        Assert.Equal(RunManifestWriter.ToJson(written), RunManifestWriter.ToJson(read));
    }

    [Fact]
    public void Keys_are_sorted_so_insertion_order_does_not_change_the_bytes()
    {
        string json = RunManifestWriter.ToJson(Manifest());
        Assert.Equal(json, RunManifestWriter.ToJson(Manifest(reverseInsertion: true)));
        Assert.DoesNotContain('\r', json);

        using JsonDocument document = JsonDocument.Parse(json);
        AssertSorted(document.RootElement);
        Assert.Equal(
            ["environment", "finishedUtc", "inputHashes", "matrixHash", "outputHashes", "parameters", "protocol", "schemaVersion", "stages", "startedUtc", "toolVersions"],
            document.RootElement.EnumerateObject().Select(p => p.Name).ToArray());
    }

    [Fact]
    public void Times_are_written_in_UTC()
    {
        RunManifest local = Manifest() with { StartedUtc = new DateTimeOffset(2025, 1, 2, 5, 4, 5, TimeSpan.FromHours(2)) };
        string json = RunManifestWriter.ToJson(local);
        Assert.Contains("\"startedUtc\": \"2025-01-02T03:04:05+00:00\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_schema_version_is_refused()
    {
        string json = RunManifestWriter.ToJson(Manifest() with { SchemaVersion = 99 });
        var error = Assert.Throws<VideoSegException>(() => RunManifestReader.Parse(json, "manifest.json"));
        Assert.Equal(ErrorCodes.InvalidArgument, error.Code);
        Assert.Contains("99", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_that_is_not_a_manifest_is_refused()
    {
        var error = Assert.Throws<VideoSegException>(() => RunManifestReader.Parse("{\"schemaVersion\": ", "manifest.json"));
        Assert.Equal("manifest.json", error.Path);
        Assert.Throws<VideoSegException>(() => RunManifestReader.Parse("{}", "manifest.json"));
    }

    [Fact]
    public void Package_versions_of_the_report_writers_are_known()
    {
        IReadOnlyDictionary<string, string> versions = PackageVersions.OfReports();
        Assert.Equal("33.1.0", versions["CsvHelper"]);
        Assert.Equal("5.1.59", versions["ScottPlot"]);
        Assert.StartsWith("3.119", versions["SkiaSharp"], StringComparison.Ordinal);
    }

    private static void AssertSorted(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            string[] names = element.EnumerateObject().Select(p => p.Name).ToArray();
            Assert.Equal(names.OrderBy(n => n, StringComparer.Ordinal), names);
            foreach (JsonProperty property in element.EnumerateObject())
            {
                AssertSorted(property.Value);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement item in element.EnumerateArray())
            {
                AssertSorted(item);
            }
        }
    }
}
