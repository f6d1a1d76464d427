using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using VideoSeg.Cli.Infrastructure;
using VideoSeg.Core;

namespace VideoSeg.Cli.Scheduling;

/// <summary>
/// Runs a plan on Slurm. The dataset step (generate, acquire) runs here first, since compute nodes often cannot
/// download; then each stage the stamps do not show up to date becomes a job, chained on the previous one with
/// <c>--dependency=afterok</c>: a sharded stage (flows, occlusions, base masks, refine, evaluate) as a job array of its shards
/// still to compute plus a merge job, the others as one job. It follows the jobs with <c>scontrol</c> (<c>sacct</c>
/// where accounting exists), prints each task's changes, reports a failed task with its log, and at the end runs
/// the report step here. What is up to date is asked of the stages themselves (<c>--check</c>), so a rerun
/// submits only what is incomplete.
/// </summary>
public sealed class SlurmSubmitter
{
    /// <summary>The stages that run in shards on the cluster.</summary>
    public static readonly IReadOnlySet<string> ShardedCommands = new HashSet<string>(StringComparer.Ordinal) { "flows", "occlusions", "basemasks", "refine", "evaluate" };

    private static readonly HashSet<string> s_localBefore = new HashSet<string>(StringComparer.Ordinal) { "generate", "acquire" };
    private static readonly HashSet<string> s_localAfter = new HashSet<string>(StringComparer.Ordinal) { "report", "combine", "verify-baseline" };
    private readonly SlurmSubmitOptions _options;
    private readonly string _logs;

    /// <summary>Creates the submitter.</summary>
    public SlurmSubmitter(SlurmSubmitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Shards < 1)
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, $"--array-width {options.Shards}: expected at least 1 shard per stage");
        }

        _options = options;
        _logs = Path.Combine(options.WorkDirectory, "logs");
    }

    /// <summary>Submits, follows and reports; returns the exit code.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        // First, so that a machine without Slurm fails at once with one clear error.
        SlurmClient client = SlurmClient.Locate();
        IReadOnlyList<PlanStep> steps = SchedulerPlan.Read(_options.PlanPath);
        Directory.CreateDirectory(_logs);

        foreach (PlanStep step in steps.Where(s => s_localBefore.Contains(s.Command)))
        {
            int exit = await InvokeAsync(step, [], cancellationToken).ConfigureAwait(false);
            if (exit != ExitCodes.Success)
            {
                return exit;
            }
        }

        List<SlurmJob> jobs = await PlanJobsAsync(steps.Where(s => !s_localBefore.Contains(s.Command) && !s_localAfter.Contains(s.Command)).ToList(), cancellationToken).ConfigureAwait(false);
        if (jobs.Count == 0)
        {
            Console.Out.WriteLine("[slurm] every stage is up to date; nothing to submit");
        }
        else
        {
            List<(SlurmJob Job, string Id)> submitted = Submit(client, jobs);
            if (!_options.Wait)
            {
                Console.Out.WriteLine($"[slurm] submitted {submitted.Count} jobs; follow them with 'squeue --jobs={string.Join(',', submitted.Select(s => s.Id))}', then rerun to submit what is left and write the report");
                return ExitCodes.Success;
            }

            if (!await FollowAsync(client, submitted, cancellationToken).ConfigureAwait(false))
            {
                return ExitCodes.Failure;
            }
        }

        foreach (PlanStep step in steps.Where(s => s_localAfter.Contains(s.Command)))
        {
            int exit = await InvokeAsync(step, [], cancellationToken).ConfigureAwait(false);
            if (exit != ExitCodes.Success)
            {
                return exit;
            }
        }

        return ExitCodes.Success;
    }

    /// <summary>
    /// The jobs still needed, in plan order. Up to the first stage that is not up to date, each stage's stamp is
    /// asked; from there on every stage runs, since its inputs are about to change (each job still skips itself
    /// at run time if its stamp turns out current).
    /// </summary>
    private async Task<List<SlurmJob>> PlanJobsAsync(List<PlanStep> steps, CancellationToken cancellationToken)
    {
        var jobs = new List<SlurmJob>();
        bool upstreamPending = false;
        for (int order = 0; order < steps.Count; order++)
        {
            PlanStep step = steps[order];
            bool forced = step.Arguments.Contains("--force");
            bool sharded = ShardedCommands.Contains(step.Command) && _options.Shards > 1;
            if (!upstreamPending && !forced && await IsCurrentAsync(step, [], cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            if (sharded)
            {
                var tasks = new List<int>();
                for (int shard = 0; shard < _options.Shards; shard++)
                {
                    string[] shardArguments = ["--shard", string.Create(CultureInfo.InvariantCulture, $"{shard}/{_options.Shards}")];
                    if (upstreamPending || forced || !await IsCurrentAsync(step, shardArguments, cancellationToken).ConfigureAwait(false))
                    {
                        tasks.Add(shard);
                    }
                }

                if (tasks.Count > 0)
                {
                    jobs.Add(new SlurmJob(order + 1, step, SlurmJobKind.Shards, _options.Shards, tasks));
                }

                jobs.Add(new SlurmJob(order + 1, step, SlurmJobKind.Merge, _options.Shards, []));
            }
            else
            {
                jobs.Add(new SlurmJob(order + 1, step, SlurmJobKind.Whole, 1, []));
            }

            upstreamPending = true;
        }

        return jobs;
    }

    private List<(SlurmJob Job, string Id)> Submit(SlurmClient client, IReadOnlyList<SlurmJob> jobs)
    {
        var submitted = new List<(SlurmJob Job, string Id)>();
        string? previous = null;
        foreach (SlurmJob job in jobs)
        {
            string script = SlurmScriptWriter.Write(job, _options);
            string id = client.Submit(script, previous is null ? [] : [previous]);
            string array = job.Kind == SlurmJobKind.Shards ? $", array {string.Join(',', job.Tasks)} of {job.Shards} shards" : string.Empty;
            string after = previous is null ? string.Empty : $", after job {previous}";
            Console.Out.WriteLine($"[slurm] submitted {job.Label}: job {id}{array}{after} ({script})");
            submitted.Add((job, id));
            previous = id;
        }

        return submitted;
    }

    /// <summary>Follows the jobs until all have ended; true when every task succeeded.</summary>
    private async Task<bool> FollowAsync(SlurmClient client, List<(SlurmJob Job, string Id)> submitted, CancellationToken cancellationToken)
    {
        var last = new Dictionary<(string, int?), string>();
        var final = new Dictionary<string, IReadOnlyList<SlurmTaskState>>(StringComparer.Ordinal);
        int total = submitted.Sum(s => s.Job.Kind == SlurmJobKind.Shards ? s.Job.Tasks.Count : 1);
        int reported = -1;
        while (true)
        {
            foreach ((SlurmJob job, string id) in submitted.Where(s => !final.ContainsKey(s.Id)))
            {
                IReadOnlyList<SlurmTaskState>? tasks = client.Query(id);
                if (tasks is null)
                {
                    // Forgotten by scontrol and no accounting: what it did is for its stamps to say.
                    final[id] = [new SlurmTaskState(id, null, "UNKNOWN", string.Empty, "the scheduler no longer knows this job")];
                    continue;
                }

                foreach (SlurmTaskState task in tasks)
                {
                    if (!last.TryGetValue((id, task.TaskId), out string? seen) || seen != task.State)
                    {
                        last[(id, task.TaskId)] = task.State;
                        Console.Out.WriteLine($"[slurm] {Describe(job, id, task.TaskId)}: {task.State}{(task.Reason is "" or "None" ? string.Empty : $" ({task.Reason})")}");
                    }

                    if (task.IsNeverRunnable)
                    {
                        SlurmClient.Cancel(id);
                    }
                }

                if (tasks.Count > 0 && tasks.All(t => t.IsFinished))
                {
                    final[id] = tasks;
                }
            }

            int done = final.Values.Sum(t => t.Count);
            if (done != reported)
            {
                reported = done;
                Console.Out.WriteLine($"[slurm] {final.Count} of {submitted.Count} jobs ended ({Math.Min(done, total)} of {total} tasks)");
            }

            if (final.Count == submitted.Count)
            {
                break;
            }

            await Task.Delay(_options.PollInterval, cancellationToken).ConfigureAwait(false);
        }

        return ReportFailures(submitted, final);
    }

    private bool ReportFailures(IReadOnlyList<(SlurmJob Job, string Id)> submitted, Dictionary<string, IReadOnlyList<SlurmTaskState>> final)
    {
        bool ok = true;
        var notRun = new List<string>();
        foreach ((SlurmJob job, string id) in submitted)
        {
            foreach (SlurmTaskState task in final[id].Where(t => !t.Succeeded))
            {
                ok = false;
                string log = job.LogPath(_logs, id, task.TaskId);
                if (!File.Exists(log))
                {
                    notRun.Add(Describe(job, id, task.TaskId));
                    continue;
                }

                string exit = task.ExitCode.Length > 0 ? $", exit code {task.ExitCode}" : string.Empty;
                Console.Error.WriteLine(Diagnostic.Error(log, ErrorCodes.SchedulerJobFailed, $"{Describe(job, id, task.TaskId)} ended {task.State}{exit}; its log is this file. Fix the cause and rerun with -p:Scheduler=slurm: only what is incomplete is submitted again"));
            }
        }

        if (notRun.Count > 0)
        {
            Console.Error.WriteLine($"[slurm] not run, because a job before them failed: {string.Join("; ", notRun)}");
        }

        return ok;
    }

    private static string Describe(SlurmJob job, string id, int? task) =>
        task is int t
            ? string.Create(CultureInfo.InvariantCulture, $"{job.Step.Command} shard {t}/{job.Shards} (job {id}_{t})")
            : $"{job.Label} (job {id})";

    private static async Task<bool> IsCurrentAsync(PlanStep step, IReadOnlyList<string> extra, CancellationToken cancellationToken)
    {
        try
        {
            return await InvokeAsync(step, ["--check", .. extra], cancellationToken).ConfigureAwait(false) == ExitCodes.Success;
        }
        catch (VideoSegException)
        {
            // A stage that cannot even describe itself yet (an upstream output is missing) is not up to date.
            return false;
        }
    }

    /// <summary>Runs one plan step's command in this process, as <c>videoseg</c> would.</summary>
    private static Task<int> InvokeAsync(PlanStep step, IReadOnlyList<string> extra, CancellationToken cancellationToken)
    {
        ParseResult parse = CliApplication.CreateRootCommand().Parse([step.Command, .. step.Arguments, .. extra]);
        if (parse.Errors.Count > 0)
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, $"the plan's '{step.Command}' step does not parse: {parse.Errors[0].Message}");
        }

        return parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }, cancellationToken);
    }
}
