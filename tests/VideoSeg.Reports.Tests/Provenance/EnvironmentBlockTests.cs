using System;
using System.Collections.Generic;
using VideoSeg.Reports.Provenance;
using VideoSeg.Reports.Tests.Tables;
using Xunit;

namespace VideoSeg.Reports.Tests.Provenance;

public sealed class EnvironmentBlockTests
{
    [Fact]
    public void Markdown_names_commit_versions_device_sorted_seeds_and_suite()
    {
        string markdown = Table1MarkdownWriterTests.Environment().ToMarkdown();
        Assert.StartsWith("```text\nVideoSeg environment\n", markdown, StringComparison.Ordinal);
        Assert.Contains("Git commit   : 0123456789abcdef0123456789abcdef01234567 (clean)\n", markdown, StringComparison.Ordinal);
        Assert.Contains(".NET SDK     : 10.0.100\n", markdown, StringComparison.Ordinal);
        Assert.Contains("TorchSharp   : 0.107.0\n", markdown, StringComparison.Ordinal);
        Assert.Contains("libtorch     : 2.10.0\n", markdown, StringComparison.Ordinal);
        Assert.Contains("Device       : cpu\n", markdown, StringComparison.Ordinal);
        Assert.Contains("Seeds        : gwm=42, torch=7\n", markdown, StringComparison.Ordinal);
        Assert.Contains("Suite        : DAVIS 2016 val\n", markdown, StringComparison.Ordinal);
        Assert.EndsWith("```\n\n", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Capturing_the_host_fills_in_runtime_and_operating_system()
    {
        EnvironmentBlock block = EnvironmentBlock.CaptureHost(GitInfo.Unknown, "10.0.100", "0.107.0", "2.10.0", "cpu", new Dictionary<string, long>(), "synthetic");
        Assert.StartsWith(".NET", block.RuntimeVersion, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(block.OperatingSystem));
        Assert.Contains("Seeds        : none\n", block.ToMarkdown(), StringComparison.Ordinal);
        Assert.Contains("Git commit   : unknown\n", block.ToMarkdown(), StringComparison.Ordinal);
    }
}
