using System;
using System.CommandLine;
using System.IO;
using VideoSeg.Cli.Scheduling;

namespace VideoSeg.Cli.Commands;

/// <summary><c>videoseg slurm submit</c>: runs a plan of stage commands on a Slurm cluster (<see cref="SlurmSubmitter"/>).</summary>
public static class SlurmCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var plan = new Option<FileInfo>("--plan") { Description = "The plan: one JSON stage command per line, as 'dotnet build -t:Reproduce -p:Scheduler=slurm' writes it.", Required = true };
        var work = new Option<DirectoryInfo?>("--work") { Description = "Where the sbatch scripts and logs/ go (default: the plan's folder)." };
        var width = new Option<int>("--array-width") { Description = "Shards per sharded stage (flows, occlusions, basemasks, refine, evaluate): the width of each job array.", DefaultValueFactory = _ => 4 };
        var partition = new Option<string?>("--partition") { Description = "sbatch --partition (default: the cluster's)." };
        var account = new Option<string?>("--account") { Description = "sbatch --account." };
        var time = new Option<string?>("--time") { Description = "sbatch --time, each job's limit (e.g. 02:00:00)." };
        var extra = new Option<string[]>("--sbatch-arg") { Description = "One more #SBATCH argument (repeatable), e.g. --sbatch-arg=--qos=short." };
        var poll = new Option<double>("--poll-seconds") { Description = "How often to ask the scheduler about the jobs.", DefaultValueFactory = _ => 10 };
        var noWait = new Option<bool>("--no-wait") { Description = "Submit and return; rerun later to submit what is left and write the report." };
        var submit = new Command("submit", "Submit the plan's stages as chained Slurm jobs (job arrays of shards), follow them, and run the report.")
        {
            plan, work, width, partition, account, time, extra, poll, noWait,
        };
        submit.SetAction(async (parse, ct) =>
        {
            string planPath = parse.GetValue(plan)!.FullName;
            var options = new SlurmSubmitOptions(
                planPath,
                parse.GetValue(work)?.FullName ?? Path.GetDirectoryName(planPath)!,
                parse.GetValue(width),
                parse.GetValue(partition),
                parse.GetValue(account),
                parse.GetValue(time),
                parse.GetValue(extra) ?? [],
                DotNetHost(),
                typeof(SlurmCommand).Assembly.Location,
                TimeSpan.FromSeconds(parse.GetValue(poll)),
                !parse.GetValue(noWait));
            return await new SlurmSubmitter(options).RunAsync(ct).ConfigureAwait(false);
        });
        return new Command("slurm", "Run the study on a Slurm cluster.") { submit };
    }

    /// <summary>The dotnet executable running this process (the SDK sets DOTNET_HOST_PATH under MSBuild).</summary>
    private static string DotNetHost()
    {
        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return !string.IsNullOrEmpty(host) && File.Exists(host) ? host : Environment.ProcessPath ?? "dotnet";
    }
}
