using System;
using System.Collections.Generic;

namespace VideoSeg.Cli.Scheduling;

/// <summary>What <c>videoseg slurm submit</c> submits and how.</summary>
/// <param name="PlanPath">The plan file (<see cref="SchedulerPlan"/>).</param>
/// <param name="WorkDirectory">Where the sbatch scripts and <c>logs/</c> go.</param>
/// <param name="Shards">The array width: shards per sharded stage.</param>
/// <param name="Partition">sbatch <c>--partition</c>, or null for the cluster's default.</param>
/// <param name="Account">sbatch <c>--account</c>, or null.</param>
/// <param name="TimeLimit">sbatch <c>--time</c> per job, or null.</param>
/// <param name="ExtraArguments">More <c>#SBATCH</c> lines, each one argument (e.g. <c>--qos=short</c>).</param>
/// <param name="DotNet">The <c>dotnet</c> executable the jobs run.</param>
/// <param name="CliAssembly">The <c>videoseg.dll</c> the jobs run.</param>
/// <param name="PollInterval">How often to ask the scheduler about the jobs.</param>
/// <param name="Wait">Follow the jobs to the end and run the report; false submits and returns.</param>
public sealed record SlurmSubmitOptions(
    string PlanPath,
    string WorkDirectory,
    int Shards,
    string? Partition,
    string? Account,
    string? TimeLimit,
    IReadOnlyList<string> ExtraArguments,
    string DotNet,
    string CliAssembly,
    TimeSpan PollInterval,
    bool Wait);
