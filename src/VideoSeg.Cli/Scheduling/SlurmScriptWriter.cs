using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using VideoSeg.Core;
using VideoSeg.Core.IO;

namespace VideoSeg.Cli.Scheduling;

/// <summary>
/// Writes one sbatch script per job: the <c>#SBATCH</c> header (name, log, working folder, array, partition,
/// account, time, <c>--gres=gpu:1</c> for a stage whose <c>--device</c> is CUDA, the extra arguments) and the very
/// <c>videoseg</c> command line of the plan, plus <c>--shard</c> or <c>--merge-shards</c>. Dependencies are not in
/// the script: sbatch gets them when it submits, since they name job ids known only then.
/// </summary>
public static class SlurmScriptWriter
{
    /// <summary>Writes <paramref name="job"/>'s script under <paramref name="options"/>' work folder; returns its path.</summary>
    public static string Write(SlurmJob job, SlurmSubmitOptions options)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(options);
        string path = Path.Combine(options.WorkDirectory, job.Stem + ".sbatch");
        AtomicFile.WriteAllText(path, Render(job, options));
        return path;
    }

    /// <summary>The script's text.</summary>
    public static string Render(SlurmJob job, SlurmSubmitOptions options)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(options);
        string logs = Path.Combine(options.WorkDirectory, "logs");
        var text = new StringBuilder();
        text.Append("#!/bin/bash\n");
        text.Append($"# VideoSeg: {job.Label}, written by 'videoseg slurm submit' from {options.PlanPath}.\n");
        text.Append("# Resubmit with 'dotnet build -t:Reproduce -p:Scheduler=slurm' rather than by hand: the stamps then decide what is left.\n");
        Directive(text, $"--job-name=videoseg-{job.Step.Command}");
        Directive(text, $"--output={job.LogPattern(logs)}");
        Directive(text, $"--chdir={options.WorkDirectory}");
        if (job.Kind == SlurmJobKind.Shards)
        {
            Directive(text, "--array=" + string.Join(',', job.Tasks.Select(t => t.ToString(CultureInfo.InvariantCulture))));
        }

        Directive(text, "--ntasks=1");
        if (options.Partition is not null)
        {
            Directive(text, $"--partition={options.Partition}");
        }

        if (options.Account is not null)
        {
            Directive(text, $"--account={options.Account}");
        }

        if (options.TimeLimit is not null)
        {
            Directive(text, $"--time={options.TimeLimit}");
        }

        if (UsesGpu(job.Step))
        {
            Directive(text, "--gres=gpu:1");
        }

        foreach (string extra in options.ExtraArguments)
        {
            Directive(text, extra);
        }

        text.Append("set -eu\n");
        foreach (string variable in job.Step.Environment)
        {
            int equals = variable.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                text.Append("export ").Append(variable[..equals]).Append('=').Append(Quote(variable[(equals + 1)..])).Append('\n');
            }
        }

        text.Append("exec ").Append(Quote(options.DotNet)).Append(' ').Append(Quote(options.CliAssembly)).Append(' ').Append(Quote(job.Step.Command));
        foreach (string argument in job.Step.Arguments)
        {
            text.Append(' ').Append(Quote(argument));
        }

        text.Append(job.Kind switch
        {
            SlurmJobKind.Shards => string.Create(CultureInfo.InvariantCulture, $" --shard \"${{SLURM_ARRAY_TASK_ID}}/{job.Shards}\""),
            SlurmJobKind.Merge => string.Create(CultureInfo.InvariantCulture, $" --merge-shards {job.Shards}"),
            _ => string.Empty,
        });
        text.Append('\n');
        return text.ToString();
    }

    /// <summary>True when the stage computes on a CUDA device (<c>--device cuda</c> or <c>cuda:N</c>).</summary>
    public static bool UsesGpu(PlanStep step) =>
        SchedulerPlan.ValueOf(step, "--device") is { } device && device.StartsWith("cuda", StringComparison.OrdinalIgnoreCase);

    /// <summary>Quotes for bash: single quotes, with a quote inside written as <c>'\''</c>.</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || "/._-=:,@+".Contains(c, StringComparison.Ordinal))
            ? value
            : "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    private static void Directive(StringBuilder text, string argument)
    {
        // An #SBATCH line ends at the line's end, so a value with a newline could smuggle in another directive.
        if (argument.Contains('\n', StringComparison.Ordinal))
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, $"an sbatch argument holds a line break, which would end its #SBATCH line: '{argument}'");
        }

        text.Append("#SBATCH ").Append(argument).Append('\n');
    }
}
