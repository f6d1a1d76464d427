using System;
using System.IO;
using System.Linq;
using VideoSeg.Cli.Benchmarks;
using VideoSeg.Core;
using VideoSeg.Core.IO;
using VideoSeg.TestUtilities;
using Xunit;

namespace VideoSeg.Cli.Tests.Commands;

public sealed class BenchCommandTests
{
    // Seconds on two cores: two synthetic frames, one repeat, and the training and fine-tuning steps' three each;
    // minutes when /usr/bin/python3 has torch and the machine is shared, as both PyTorch peers run too.
    [Fact]
    public void ATinyRunWritesEveryGroupToBothReportsAndPrintsTheMarkdown()
    {
        using var temp = new TempDirectory();
        string data = temp.Combine("no-shared-data");
        Directory.CreateDirectory(data);
        string output = temp.Combine("bench");

        ChildProcessResult result = CliRunner.Run("bench", "--frames", "2", "--repeats", "1", "--data", data, "--out", output);

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}\n{result.Stdout}\n{result.Stderr}");
        string[] csv = File.ReadAllLines(Path.Combine(output, BenchReportWriter.CsvFileName));
        Assert.Equal("group,name,metric,value,ratio,peer,note", csv[0]);
        string markdown = File.ReadAllText(Path.Combine(output, BenchReportWriter.MarkdownFileName));
        Assert.Equal(
            ["## Warping at 854×480", "## Occlusion at 854×480", "## Refinement at 854×480", "## J&F over 1,376 masks at 854×480", "## GWM training at batch 8, 128×224", "## GWM training step by backbone, batch 4, 128×224", "## GWM fine-tuning at batch 4 pairs, 128×224", "## Flow on FlyingChairs samples", "## Flow at 854×480 (car-shadow pairs): speed"],
            markdown.Split(Environment.NewLine).Where(line => line.StartsWith("## ", StringComparison.Ordinal)));
        Assert.Equal(2 + 2 + 5 + 3 + 2 + 3 + 2 + 1 + 1, csv.Length - 1);
        string[] backbones = csv.Where(line => line.StartsWith("\"GWM training step by backbone, batch 4, 128×224\",", StringComparison.Ordinal)).ToArray();
        Assert.Equal(3, backbones.Length);
        Assert.Contains("\"ResNet18 (ImageNet-supervised) backbone, frozen, cached features\",it/s,", backbones[0], StringComparison.Ordinal);
        Assert.Contains("\"small CNN backbone, trained\",it/s,", backbones[1], StringComparison.Ordinal);
        Assert.Contains("\"ResNet18 features, once per frame for the whole training\",frames/s,", backbones[2], StringComparison.Ordinal);
        Assert.Contains(csv, line => line.StartsWith("Flow on FlyingChairs samples,skipped,px,NaN,,,flyingchairs-samples not found: pass --data", StringComparison.Ordinal));
        Assert.Contains(csv, line => line.StartsWith("Flow at 854×480 (car-shadow pairs): speed,skipped,pairs/s,NaN,,,davis2016-car-shadow frames not found: pass --data", StringComparison.Ordinal));
        Assert.Contains("masks: synthetic ellipses (car-shadow not found)", csv[1], StringComparison.Ordinal);
        Assert.StartsWith("# VideoSeg benchmarks", markdown, StringComparison.Ordinal);
        Assert.Contains(markdown, result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void SkipFlowLeavesOutTheFlowGroup()
    {
        using var temp = new TempDirectory();
        string data = temp.Combine("no-shared-data");
        Directory.CreateDirectory(data);
        string output = temp.Combine("bench");

        ChildProcessResult result = CliRunner.Run("bench", "--skip-flow", "--frames", "2", "--repeats", "1", "--data", data, "--out", output);

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}\n{result.Stdout}\n{result.Stderr}");
        string csv = File.ReadAllText(Path.Combine(output, BenchReportWriter.CsvFileName));
        Assert.DoesNotContain("Flow on FlyingChairs", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("Flow at 854×480", csv, StringComparison.Ordinal);
        Assert.Contains("GWM training at batch 8", csv, StringComparison.Ordinal);
        Assert.Contains("GWM fine-tuning at batch 4 pairs", csv, StringComparison.Ordinal);
    }

    [Fact]
    public void AnOutputThatIsAFileFailsBeforeAnyBenchmarkRuns()
    {
        using var temp = new TempDirectory();
        string output = temp.Combine("bench");
        File.WriteAllText(output, "not a folder");

        ChildProcessResult result = CliRunner.Run("bench", "--skip-flow", "--frames", "2", "--repeats", "1", "--out", output);

        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}\n{result.Stdout}\n{result.Stderr}");
        string error = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"{output}: error {ErrorCodes.OutputNotWritable}: ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("[bench]", result.Stdout, StringComparison.Ordinal);
        Assert.Equal("not a folder", File.ReadAllText(output));
    }
}
