using System;
using VideoSeg.Cli.Scheduling;
using Xunit;

namespace VideoSeg.Cli.Tests.Scheduling;

/// <summary>The sbatch scripts: the header each option asks for, and the plan's command line, quoted for bash.</summary>
public sealed class SlurmScriptWriterTests
{
    private static readonly SlurmSubmitOptions s_options = new(
        "/r/slurm/plan.jsonl", "/r/slurm", 4, "gpu", "lab", "01:00:00", ["--qos=short"], "/usr/bin/dotnet", "/x/videoseg.dll", TimeSpan.FromSeconds(1), Wait: true);

    [Fact]
    public void AShardArrayRunsThePlansCommandLineWithItsShardAndAsksForAGpuOnCuda()
    {
        var step = new PlanStep("refine", ["--out", "/r/refined", "--device", "cuda", "--reference", "motion=/r/it's"], ["CUBLAS_WORKSPACE_CONFIG=:4096:8"]);

        string script = SlurmScriptWriter.Render(new SlurmJob(6, step, SlurmJobKind.Shards, 4, [1, 3]), s_options);

        Assert.StartsWith("#!/bin/bash\n", script, StringComparison.Ordinal);
        Assert.Contains("#SBATCH --job-name=videoseg-refine\n", script, StringComparison.Ordinal);
        Assert.Contains("#SBATCH --output=/r/slurm/logs/06-refine-shards-%A_%a.out\n", script, StringComparison.Ordinal);
        Assert.Contains("#SBATCH --array=1,3\n", script, StringComparison.Ordinal);
        Assert.Contains("#SBATCH --partition=gpu\n#SBATCH --account=lab\n#SBATCH --time=01:00:00\n#SBATCH --gres=gpu:1\n#SBATCH --qos=short\n", script, StringComparison.Ordinal);
        Assert.Contains("export CUBLAS_WORKSPACE_CONFIG=:4096:8\n", script, StringComparison.Ordinal);
        Assert.EndsWith("exec /usr/bin/dotnet /x/videoseg.dll refine --out /r/refined --device cuda --reference 'motion=/r/it'\\''s' --shard \"${SLURM_ARRAY_TASK_ID}/4\"\n", script, StringComparison.Ordinal);
    }

    [Fact]
    public void AMergeJobMergesAndACpuStageAsksForNoGpu()
    {
        var step = new PlanStep("evaluate", ["--out", "/r/evaluation"], []);

        string merge = SlurmScriptWriter.Render(new SlurmJob(7, step, SlurmJobKind.Merge, 4, []), s_options);
        string whole = SlurmScriptWriter.Render(new SlurmJob(7, step with { Command = "train", Arguments = ["--device", "auto"] }, SlurmJobKind.Whole, 1, []), s_options);

        Assert.EndsWith("exec /usr/bin/dotnet /x/videoseg.dll evaluate --out /r/evaluation --merge-shards 4\n", merge, StringComparison.Ordinal);
        Assert.Contains("#SBATCH --output=/r/slurm/logs/07-evaluate-merge-%j.out\n", merge, StringComparison.Ordinal);
        Assert.DoesNotContain("--array", merge, StringComparison.Ordinal);
        Assert.DoesNotContain("--gres", whole, StringComparison.Ordinal);
        Assert.Contains("#SBATCH --output=/r/slurm/logs/07-train-%j.out\n", whole, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0-3", new[] { 0, 1, 2, 3 })]
    [InlineData("1,3-4%2", new[] { 1, 3, 4 })]
    [InlineData("5", new[] { 5 })]
    public void SlurmsTaskListsExpand(string text, int[] expected) =>
        Assert.Equal(expected, SlurmClient.ExpandTaskList(text));
}
