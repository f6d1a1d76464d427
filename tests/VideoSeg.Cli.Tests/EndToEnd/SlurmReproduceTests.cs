using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using VideoSeg.Core.IO;
using VideoSeg.TestUtilities;
using Xunit;

namespace VideoSeg.Cli.Tests.EndToEnd;

/// <summary>
/// The Reproduce target through a real Slurm (<see cref="LocalSlurmCluster"/>): on the tiny suite of
/// <see cref="ReproduceTargetTests"/>, a run whose refine shard 1 cannot write its folder fails that array task and
/// names its log; after the cause is removed, a rerun submits only refine's shard 1, its merge and what follows, and
/// the Table 1 it writes is the local run's, byte for byte.
/// </summary>
public sealed class SlurmReproduceTests : IClassFixture<LocalSlurmCluster>
{
    private static readonly string[] s_allJobs =
    [
        "flows shards", "flows merge of 2 shards", "occlusions shards", "occlusions merge of 2 shards", "train",
        "basemasks shards", "basemasks merge of 2 shards", "basemasks shards", "basemasks merge of 2 shards",
        "refine shards", "refine merge of 2 shards", "evaluate shards", "evaluate merge of 2 shards",
    ];

    private readonly LocalSlurmCluster _cluster;

    public SlurmReproduceTests(LocalSlurmCluster cluster) => _cluster = cluster;

    [SkippableFact]
    public void AFailedShardIsReportedWithItsLogAndTheResubmissionRunsOnlyWhatIsLeftToTheLocalRunsTable1()
    {
        Skip.If(_cluster.SkipReason is not null, _cluster.SkipReason);
        using var local = new TempDirectory();
        using var cluster = new TempDirectory();
        BuildResult reference = Reproduce(local, []);
        Assert.True(reference.ExitCode == 0, reference.Output);

        // A folder VideoSeg did not make, where refine's shard 1 of 2 writes: that array task fails (VSEG4003).
        string blocked = cluster.Combine("results", "synthetic", "refined.shards", "1-of-2");
        Directory.CreateDirectory(blocked);
        File.WriteAllText(Path.Combine(blocked, "notes.txt"), "not VideoSeg's");
        string[] slurm = ["-p:Scheduler=slurm", "-p:SlurmArrayWidth=2", "-p:SlurmPollSeconds=1", "-p:SlurmTime=00:30:00"];

        BuildResult failed = Reproduce(cluster, slurm);

        Assert.True(failed.ExitCode != 0, failed.Output);
        Assert.Equal(s_allJobs, Submitted(failed));
        Match error = Regex.Match(failed.Output, @"(/\S+/slurm/logs/\d\d-refine-shards-\d+_1\.out) ?: error VSEG4007: refine shard 1/2 \(job \d+_1\) ended FAILED, exit code 2:0");
        Assert.True(error.Success, failed.Output);
        Assert.Contains("error VSEG4003", File.ReadAllText(error.Groups[1].Value), StringComparison.Ordinal);
        Assert.Contains("not run, because a job before them failed: refine merge of 2 shards", failed.Output, StringComparison.Ordinal);
        string script = File.ReadAllText(Directory.GetFiles(cluster.Combine("results", "synthetic", "slurm"), "*-refine-shards.sbatch").Single());
        Assert.Contains("#SBATCH --array=0,1\n#SBATCH --ntasks=1\n#SBATCH --time=00:30:00\n", script, StringComparison.Ordinal);
        Assert.Contains(" refine --dataset ", script, StringComparison.Ordinal);

        Directory.Delete(blocked, recursive: true);
        BuildResult resumed = Reproduce(cluster, slurm);

        Assert.True(resumed.ExitCode == 0, resumed.Output);
        Assert.Equal(["refine shards", "refine merge of 2 shards", "evaluate shards", "evaluate merge of 2 shards"], Submitted(resumed));
        Assert.Matches(@"submitted refine shards: job \d+, array 1 of 2 shards", resumed.Output);
        Assert.Equal(
            File.ReadAllBytes(local.Combine("results", "synthetic", "report", "table1.csv")),
            File.ReadAllBytes(cluster.Combine("results", "synthetic", "report", "table1.csv")));

        BuildResult unchanged = Reproduce(cluster, slurm);

        Assert.True(unchanged.ExitCode == 0, unchanged.Output);
        Assert.Empty(Submitted(unchanged));
        Assert.Contains("every stage is up to date; nothing to submit", unchanged.Output, StringComparison.Ordinal);
    }

    private static string[] Submitted(BuildResult build) =>
        Regex.Matches(build.Output, @"\[slurm\] submitted ([a-z0-9 ]+?): job \d+").Select(m => m.Groups[1].Value).ToArray();

    private BuildResult Reproduce(TempDirectory temp, string[] extra)
    {
        ChildProcessResult result = ChildProcess.Run(
            CliRunner.DotNet,
            [
                "build", Path.Combine(SharedData.RepositoryRoot, "eng", "Reproduce.proj"), "-t:Reproduce", "-nologo", "-v:n", "-nodeReuse:false",
                $"-p:DatasetsRoot={temp.Combine("datasets")}", $"-p:ResultsRoot={temp.Combine("results")}", "-p:FineTune=false",
                "-p:SyntheticSequences=2", "-p:SyntheticMinFrames=5", "-p:SyntheticMaxFrames=6", "-p:SyntheticHeight=48", "-p:SyntheticWidth=64",
                "-p:WorkingHeight=48", "-p:WorkingWidth=64", "-p:FlowEstimator=tvl1-fast", "-p:TrainIterations=6", "-p:TrainWarmup=2", "-p:TrainBatch=2",
                .. extra,
            ],
            SharedData.RepositoryRoot,
            new Dictionary<string, string>(_cluster.Environment));
        return new BuildResult(result.ExitCode, result.Stdout + result.Stderr);
    }

    private sealed record BuildResult(int ExitCode, string Output);
}
