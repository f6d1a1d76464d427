using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using VideoSeg.Core;

namespace VideoSeg.Cli.Scheduling;

/// <summary>
/// The plan file: one JSON object per line (<c>{"command": …, "arguments": […], "environment": […]}</c>), in the
/// order the Reproduce target runs the stages, written by the <c>VideoSegCommand</c> task when
/// <c>-p:Scheduler=slurm</c> sets its <c>PlanFile</c>. The arguments are therefore the Reproduce target's own:
/// the MSBuild stage targets stay the one source of truth for every stage's command line.
/// </summary>
public static class SchedulerPlan
{
    private static readonly JsonSerializerOptions s_json = new() { PropertyNameCaseInsensitive = true };

    /// <summary>Reads a plan. Errors are <see cref="ErrorCodes.MissingFile"/> and <see cref="ErrorCodes.BadLayout"/> naming the file and line.</summary>
    public static IReadOnlyList<PlanStep> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new VideoSegException(ErrorCodes.MissingFile, "the plan file was not found: expected the stage commands written by 'dotnet build -t:Reproduce -p:Scheduler=slurm', one JSON object per line", path);
        }

        var steps = new List<PlanStep>();
        string[] lines = File.ReadAllLines(path);
        for (int i = 0; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            PlanStep? step;
            try
            {
                step = JsonSerializer.Deserialize<PlanStep>(lines[i], s_json);
            }
            catch (JsonException ex)
            {
                throw new VideoSegException(ErrorCodes.BadLayout, $"line {i + 1} is not a plan step ({ex.Message}); expected {{\"command\": \"flows\", \"arguments\": [...], \"environment\": [...]}}", path, ex);
            }

            if (step is null || string.IsNullOrWhiteSpace(step.Command) || step.Arguments is null)
            {
                throw new VideoSegException(ErrorCodes.BadLayout, $"line {i + 1} has no command or no arguments; expected {{\"command\": \"flows\", \"arguments\": [...], \"environment\": [...]}}", path);
            }

            steps.Add(step with { Environment = step.Environment ?? [] });
        }

        if (steps.Count == 0)
        {
            throw new VideoSegException(ErrorCodes.BadLayout, "the plan holds no stage; expected one JSON object per line", path);
        }

        return steps;
    }

    /// <summary>The value that follows <paramref name="option"/> in <paramref name="step"/>'s arguments, or null.</summary>
    public static string? ValueOf(PlanStep step, string option)
    {
        ArgumentNullException.ThrowIfNull(step);
        int at = step.Arguments.ToList().IndexOf(option);
        return at >= 0 && at + 1 < step.Arguments.Count ? step.Arguments[at + 1] : null;
    }
}
