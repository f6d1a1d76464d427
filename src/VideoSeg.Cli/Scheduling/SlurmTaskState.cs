namespace VideoSeg.Cli.Scheduling;

/// <summary>What the scheduler says about one job, or one task of a job array.</summary>
/// <param name="JobId">The job's id (an array's own id for its tasks).</param>
/// <param name="TaskId">The array task's index, or null for a job that is not an array.</param>
/// <param name="State">Slurm's state: PENDING, RUNNING, COMPLETED, FAILED, CANCELLED, TIMEOUT, …</param>
/// <param name="ExitCode">Slurm's <c>exit:signal</c>, e.g. <c>2:0</c>, or empty when unknown.</param>
/// <param name="Reason">Slurm's reason for a pending or ended job, e.g. <c>DependencyNeverSatisfied</c>.</param>
public sealed record SlurmTaskState(string JobId, int? TaskId, string State, string ExitCode, string Reason)
{
    /// <summary>True once the task can change no more.</summary>
    public bool IsFinished => State is not ("PENDING" or "RUNNING" or "CONFIGURING" or "COMPLETING" or "SUSPENDED" or "REQUEUED" or "RESIZING" or "SIGNALING" or "STAGE_OUT")
        || IsNeverRunnable;

    /// <summary>True for a job left pending because a job it depends on failed.</summary>
    public bool IsNeverRunnable => State == "PENDING" && Reason == "DependencyNeverSatisfied";

    /// <summary>True when the task ran to success.</summary>
    public bool Succeeded => State == "COMPLETED";
}
