using System;
using System.Collections.Generic;
using System.IO;
using VideoSeg.Core.IO;
using VideoSeg.TestUtilities;
using Xunit;

namespace VideoSeg.Cli.Tests.Scheduling;

/// <summary><c>videoseg slurm submit</c> on a machine without Slurm's client commands.</summary>
public sealed class SlurmSubmitCommandTests
{
    [Fact]
    public void WithoutSbatchOnThePathSubmitFailsWithOneClearError()
    {
        using var temp = new TempDirectory();
        string plan = temp.Combine("plan.jsonl");
        File.WriteAllText(plan, "{\"command\":\"evaluate\",\"arguments\":[\"--out\",\"x\"],\"environment\":[]}\n");
        string dotnetFolder = Path.GetDirectoryName(Path.GetFullPath(CliRunner.DotNet == "dotnet" ? "/usr/bin/dotnet" : CliRunner.DotNet))!;

        ChildProcessResult result = ChildProcess.Run(
            CliRunner.DotNet,
            [CliRunner.CliAssembly, "slurm", "submit", "--plan", plan],
            environment: new Dictionary<string, string> { ["PATH"] = dotnetFolder });

        Assert.Equal(2, result.ExitCode);
        string error = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("videoseg: error VSEG4006: 'sbatch' was not found on PATH", error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetDirectories(temp.Path));
    }
}
