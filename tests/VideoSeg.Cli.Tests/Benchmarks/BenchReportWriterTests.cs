using System;
using System.IO;
using VideoSeg.Cli.Benchmarks;
using VideoSeg.TestUtilities;
using Xunit;
using static TorchSharp.torch;

namespace VideoSeg.Cli.Tests.Benchmarks;

public sealed class BenchReportWriterTests
{
    private static readonly BenchRow[] s_rows =
    [
        new("Flow: time", "ours", "s/pair", 0.123456789, 1.5, "OpenCV DIS medium", "2 pairs, one note"),
        new("Flow: time", "peer (not run)", "s/pair", double.NaN, null, string.Empty, "install it"),
        new("Warping", "FlowWarp.Backward (PixelExact)", "fps", 51.9162, null, string.Empty, "a, b"),
    ];

    [Fact]
    public void TheCsvHasOneLinePerRowWithValuesInInvariantG6AndRatiosInG4()
    {
        using var temp = new TempDirectory();

        BenchReportWriter.Write(temp.Path, s_rows, CPU);

        Assert.Equal(
            [
                "group,name,metric,value,ratio,peer,note",
                "Flow: time,ours,s/pair,0.123457,1.5,OpenCV DIS medium,\"2 pairs, one note\"",
                "Flow: time,peer (not run),s/pair,NaN,,,install it",
                "Warping,FlowWarp.Backward (PixelExact),fps,51.9162,,,\"a, b\"",
            ],
            File.ReadAllLines(temp.Combine(BenchReportWriter.CsvFileName)));
    }

    [Fact]
    public void TheMarkdownHasOneTablePerGroupInRowOrderAndIsWhatWriteReturns()
    {
        using var temp = new TempDirectory();

        string returned = BenchReportWriter.Write(temp.Path, s_rows, CPU);

        string markdown = File.ReadAllText(temp.Combine(BenchReportWriter.MarkdownFileName));
        Assert.Equal(markdown, returned);
        Assert.StartsWith("# VideoSeg benchmarks" + Environment.NewLine, markdown, StringComparison.Ordinal);
        Assert.Contains("| ours | 0.1235 | s/pair | 1.50× | OpenCV DIS medium | 2 pairs, one note |", markdown, StringComparison.Ordinal);
        Assert.Contains("| peer (not run) | NaN | s/pair | — |  | install it |", markdown, StringComparison.Ordinal);
        int flow = markdown.IndexOf("## Flow: time", StringComparison.Ordinal);
        int warping = markdown.IndexOf("## Warping", StringComparison.Ordinal);
        Assert.True(flow > 0 && warping > flow, markdown);
        Assert.Equal(2, markdown.Split("| Implementation | Value | Unit | Ratio | Peer | Note |").Length - 1);
    }
}
