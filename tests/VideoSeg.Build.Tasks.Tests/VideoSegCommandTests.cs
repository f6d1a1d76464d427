using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Microsoft.Build.Framework;
using VideoSeg.TestUtilities;
using Xunit;

namespace VideoSeg.Build.Tasks.Tests;

public sealed class VideoSegCommandTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("with space", "\"with space\"")]
    [InlineData("", "\"\"")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    public void QuotesArgumentsOnlyWhenNeeded(string argument, string expected)
    {
        var builder = new StringBuilder();

        VideoSegCommand.AppendQuoted(builder, argument);

        Assert.Equal(expected, builder.ToString());
    }

    [Fact]
    public void AMissingCliIsAnErrorNamingThePath()
    {
        using var temp = new TempDirectory();
        var engine = new RecordingBuildEngine();
        var task = new VideoSegCommand { BuildEngine = engine, CliAssembly = temp.Combine("videoseg.dll"), Command = "flows" };

        Assert.False(task.Execute());

        BuildErrorEventArgs error = Assert.Single(engine.Errors);
        Assert.Equal("VSEG0201", error.Code);
        Assert.Contains(temp.Combine("videoseg.dll"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithAPlanFileTheCommandIsAppendedToThePlanInsteadOfRun()
    {
        using var temp = new TempDirectory();
        string plan = temp.Combine("slurm", "plan.jsonl");
        var engine = new RecordingBuildEngine();

        // The CLI does not even exist: nothing is run.
        foreach (string command in new[] { "flows", "refine" })
        {
            var task = new VideoSegCommand
            {
                BuildEngine = engine,
                CliAssembly = temp.Combine("missing.dll"),
                Command = command,
                Arguments = ["--out", "with space", "--reference", "motion=a\"b"],
                ChildEnvironment = ["CUBLAS_WORKSPACE_CONFIG=:4096:8"],
                PlanFile = plan,
            };
            Assert.True(task.Execute());
        }

        Assert.Empty(engine.Errors);
        string[] lines = File.ReadAllLines(plan);
        Assert.Equal(2, lines.Length);
        using JsonDocument step = JsonDocument.Parse(lines[1]);
        Assert.Equal("refine", step.RootElement.GetProperty("command").GetString());
        Assert.Equal(["--out", "with space", "--reference", "motion=a\"b"], step.RootElement.GetProperty("arguments").EnumerateArray().Select(a => a.GetString()!).ToArray());
        Assert.Equal("CUBLAS_WORKSPACE_CONFIG=:4096:8", step.RootElement.GetProperty("environment")[0].GetString());
    }
}
