using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace VideoSeg.Cli.Scheduling;

/// <summary>One job the cluster path submits: a stage run whole, a job array of its shards, or the merge of the shards.</summary>
/// <param name="Order">Its place in the plan, which names its script and logs (<c>03-refine-shards.sbatch</c>).</param>
/// <param name="Step">The stage command it runs.</param>
/// <param name="Kind">Whole, shards or merge.</param>
/// <param name="Shards">The stage's shard count (1 when it runs whole).</param>
/// <param name="Tasks">The array's task indices (the shards still to compute); empty unless <paramref name="Kind"/> is <see cref="SlurmJobKind.Shards"/>.</param>
public sealed record SlurmJob(int Order, PlanStep Step, SlurmJobKind Kind, int Shards, IReadOnlyList<int> Tasks)
{
    /// <summary>The file name stem of its script and logs.</summary>
    public string Stem => string.Create(CultureInfo.InvariantCulture, $"{Order:00}-{Step.Command}") + Kind switch
    {
        SlurmJobKind.Shards => "-shards",
        SlurmJobKind.Merge => "-merge",
        _ => string.Empty,
    };

    /// <summary>What progress and errors call it: <c>refine</c>, <c>refine shards</c>, <c>refine merge of 4 shards</c>.</summary>
    public string Label => Kind switch
    {
        SlurmJobKind.Shards => $"{Step.Command} shards",
        SlurmJobKind.Merge => string.Create(CultureInfo.InvariantCulture, $"{Step.Command} merge of {Shards} shards"),
        _ => Step.Command,
    };

    /// <summary>Slurm's <c>--output</c> pattern for this job's logs under <paramref name="logs"/>.</summary>
    public string LogPattern(string logs) => Path.Combine(logs, Kind == SlurmJobKind.Shards ? $"{Stem}-%A_%a.out" : $"{Stem}-%j.out");

    /// <summary>The log of one of its tasks (<paramref name="task"/> null for a job that is not an array).</summary>
    public string LogPath(string logs, string jobId, int? task) =>
        Path.Combine(logs, task is int t ? string.Create(CultureInfo.InvariantCulture, $"{Stem}-{jobId}_{t}.out") : $"{Stem}-{jobId}.out");
}
