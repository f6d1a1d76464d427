using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using VideoSeg.Core;
using VideoSeg.Core.IO;

namespace VideoSeg.Cli.Scheduling;

/// <summary>
/// Slurm's client commands, run as processes: <c>sbatch</c> to submit, <c>scontrol show job</c> to follow (it needs
/// no accounting database), <c>sacct</c> for jobs scontrol has already forgotten where accounting exists, and
/// <c>scancel</c>. The cluster is whichever these commands reach (<c>SLURM_CONF</c> and the site's defaults).
/// </summary>
public sealed class SlurmClient
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(2);
    private readonly string _sbatch;
    private readonly string _scontrol;

    private SlurmClient(string sbatch, string scontrol)
    {
        _sbatch = sbatch;
        _scontrol = scontrol;
    }

    /// <summary>
    /// Finds <c>sbatch</c> and <c>scontrol</c> on <c>PATH</c>.
    /// </summary>
    /// <exception cref="VideoSegException"><see cref="ErrorCodes.SchedulerUnavailable"/> when either is absent.</exception>
    public static SlurmClient Locate()
    {
        string? sbatch = FindOnPath("sbatch");
        string? scontrol = FindOnPath("scontrol");
        if (sbatch is null || scontrol is null)
        {
            throw new VideoSegException(
                ErrorCodes.SchedulerUnavailable,
                $"'{(sbatch is null ? "sbatch" : "scontrol")}' was not found on PATH; Scheduler=slurm submits through Slurm's client commands (sbatch, scontrol), so run it on a cluster's login node or install them (Debian: apt-get install slurm-client), or build without -p:Scheduler=slurm to run locally");
        }

        return new SlurmClient(sbatch, scontrol);
    }

    /// <summary>Submits <paramref name="script"/> after the jobs in <paramref name="afterOk"/>; returns the job id.</summary>
    public string Submit(string script, IReadOnlyList<string> afterOk)
    {
        ArgumentNullException.ThrowIfNull(afterOk);
        var arguments = new List<string> { "--parsable" };
        if (afterOk.Count > 0)
        {
            // Without it, a job whose dependency failed would wait forever as DependencyNeverSatisfied.
            arguments.Add("--dependency=afterok:" + string.Join(':', afterOk));
            arguments.Add("--kill-on-invalid-dep=yes");
        }

        arguments.Add(script);
        ChildProcessResult result = ChildProcess.Run(_sbatch, arguments, timeout: s_timeout);
        string id = result.Stdout.Trim().Split(';')[0];
        if (result.ExitCode != 0 || id.Length == 0 || !id.All(char.IsAsciiDigit))
        {
            throw new VideoSegException(ErrorCodes.SchedulerUnavailable, $"sbatch refused the job (exit code {result.ExitCode}): {FirstLine(result.Stderr + result.Stdout)}", script);
        }

        return id;
    }

    /// <summary>The state of every task of job <paramref name="jobId"/>, or null when the scheduler no longer knows it.</summary>
    public IReadOnlyList<SlurmTaskState>? Query(string jobId)
    {
        ChildProcessResult result = ChildProcess.Run(_scontrol, ["--oneliner", "show", "job", jobId], timeout: s_timeout);
        if (result.ExitCode != 0)
        {
            return QueryAccounting(jobId);
        }

        var tasks = new List<SlurmTaskState>();
        foreach (string line in result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            Dictionary<string, string> fields = ParseFields(line);
            string state = fields.GetValueOrDefault("JobState", "UNKNOWN");
            string exit = fields.GetValueOrDefault("ExitCode", string.Empty);
            string reason = fields.GetValueOrDefault("Reason", string.Empty);
            if (!fields.TryGetValue("ArrayTaskId", out string? taskText))
            {
                tasks.Add(new SlurmTaskState(jobId, null, state, exit, reason));
                continue;
            }

            // A pending array's remaining tasks come as one record: "ArrayTaskId=1-3,5%2".
            foreach (int task in ExpandTaskList(taskText))
            {
                tasks.Add(new SlurmTaskState(jobId, task, state, exit, reason));
            }
        }

        return tasks;
    }

    /// <summary>Cancels a job that can never run.</summary>
    public static void Cancel(string jobId)
    {
        string? scancel = FindOnPath("scancel");
        if (scancel is not null)
        {
            ChildProcess.Run(scancel, [jobId], timeout: s_timeout);
        }
    }

    /// <summary>Expands Slurm's task list syntax (<c>0-3,5</c>, with an optional <c>%limit</c>).</summary>
    public static IEnumerable<int> ExpandTaskList(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string list = text.Split('%')[0];
        foreach (string part in list.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] range = part.Split('-');
            int first = int.Parse(range[0], CultureInfo.InvariantCulture);
            int last = range.Length > 1 ? int.Parse(range[1].Split(':')[0], CultureInfo.InvariantCulture) : first;
            for (int task = first; task <= last; task++)
            {
                yield return task;
            }
        }
    }

    private static Dictionary<string, string> ParseFields(string line)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string token in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = token.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                fields.TryAdd(token[..equals], token[(equals + 1)..]);
            }
        }

        return fields;
    }

    /// <summary>Where accounting exists (slurmdbd), sacct still knows the jobs scontrol has purged.</summary>
    private static List<SlurmTaskState>? QueryAccounting(string jobId)
    {
        string? sacct = FindOnPath("sacct");
        if (sacct is null)
        {
            return null;
        }

        ChildProcessResult result = ChildProcess.Run(sacct, ["--noheader", "--parsable2", "--allocations", "--jobs", jobId, "--format=JobID,State,ExitCode"], timeout: s_timeout);
        if (result.ExitCode != 0)
        {
            return null;
        }

        var tasks = new List<SlurmTaskState>();
        foreach (string line in result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string[] columns = line.Split('|');
            if (columns.Length < 3)
            {
                continue;
            }

            // "CANCELLED by 0" → CANCELLED.
            string state = columns[1].Split(' ')[0];
            string[] id = columns[0].Split('_');
            int? task = id.Length > 1 && int.TryParse(id[1], NumberStyles.None, CultureInfo.InvariantCulture, out int t) ? t : null;
            tasks.Add(new SlurmTaskState(jobId, task, state, columns[2], string.Empty));
        }

        return tasks.Count > 0 ? tasks : null;
    }

    private static string? FindOnPath(string name)
    {
        foreach (string folder in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(folder, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static string FirstLine(string text) => text.Trim().Split('\n', 2)[0].Trim();
}
