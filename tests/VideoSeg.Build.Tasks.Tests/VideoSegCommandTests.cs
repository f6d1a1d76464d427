using System;
using System.Text;
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
}
