namespace VideoSeg.Cli.Scheduling;

/// <summary>How a submitted job runs its stage.</summary>
public enum SlurmJobKind
{
    /// <summary>The stage as a whole, one job.</summary>
    Whole,

    /// <summary>A job array, one task per shard still to compute (<c>--shard $SLURM_ARRAY_TASK_ID/N</c>).</summary>
    Shards,

    /// <summary>One job that merges the shards (<c>--merge-shards N</c>) after the array.</summary>
    Merge,
}
