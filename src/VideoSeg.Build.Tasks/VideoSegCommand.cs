using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace VideoSeg.Build.Tasks;

/// <summary>
/// Runs one stage of the <c>videoseg</c> CLI in a child process. The task stays thin on
/// purpose: TorchSharp and every other native library load only in the child, so a crash or a
/// CUDA context never lives in an MSBuild node. Ctrl+C cancels the build, and ToolTask's
/// cancellation kills the child. The CLI prints failures in MSBuild's canonical format
/// (<c>file: error VSEG####: message</c>), which this task turns into MSBuild errors.
/// </summary>
public sealed class VideoSegCommand : ToolTask
{
    /// <summary>The path of <c>videoseg.dll</c>.</summary>
    [Required]
    public string CliAssembly { get; set; } = string.Empty;

    /// <summary>The CLI subcommand, e.g. <c>flows</c>.</summary>
    [Required]
    public string Command { get; set; } = string.Empty;

    /// <summary>Arguments after the subcommand, one per item, passed verbatim (quoted as needed).</summary>
    public string[] Arguments { get; set; } = Array.Empty<string>();

    /// <summary>Environment for the child, as NAME=value items (e.g. CUBLAS_WORKSPACE_CONFIG).</summary>
    public string[] ChildEnvironment { get; set; } = Array.Empty<string>();

    /// <summary>
    /// When set, the command is not run but appended to this file as one JSON line (<c>command</c>, <c>arguments</c>,
    /// <c>environment</c>): <c>-p:Scheduler=slurm</c> collects the stages this way, in the order the targets run
    /// them, and <c>videoseg slurm submit</c> runs the very same command lines as cluster jobs.
    /// </summary>
    public string PlanFile { get; set; } = string.Empty;

    /// <inheritdoc />
    protected override string ToolName => "dotnet";

    /// <inheritdoc />
    public override bool Execute()
    {
        if (string.IsNullOrEmpty(PlanFile))
        {
            return base.Execute();
        }

        var step = new Dictionary<string, object>
        {
            ["command"] = Command,
            ["arguments"] = Arguments,
            ["environment"] = ChildEnvironment,
        };
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(PlanFile))!);
            File.AppendAllText(PlanFile, JsonSerializer.Serialize(step) + "\n");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.LogError(null, "VSEG0203", null, PlanFile, 0, 0, 0, 0, "The plan file '{0}' cannot be written: {1}", PlanFile, ex.Message);
            return false;
        }

        Log.LogMessage(MessageImportance.High, "[plan] {0} {1}", Command, string.Join(" ", Arguments));
        return true;
    }

    /// <inheritdoc />
    protected override MessageImportance StandardOutputLoggingImportance => MessageImportance.High;

    /// <inheritdoc />
    /// <remarks>A crashing child (a runtime or native abort) explains itself only on stderr, so it must show at the default verbosity.</remarks>
    protected override MessageImportance StandardErrorLoggingImportance => MessageImportance.High;

    /// <inheritdoc />
    protected override string GenerateFullPathToTool()
    {
        // The SDK sets DOTNET_HOST_PATH for tasks so that they start the same dotnet that runs the build.
        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return !string.IsNullOrEmpty(host) && File.Exists(host) ? host : ToolName;
    }

    /// <inheritdoc />
    protected override bool ValidateParameters()
    {
        if (!File.Exists(CliAssembly))
        {
            Log.LogError(null, "VSEG0201", null, CliAssembly, 0, 0, 0, 0, "The videoseg CLI was not found at '{0}'; build src/VideoSeg.Cli first.", CliAssembly);
            return false;
        }

        if (string.IsNullOrWhiteSpace(Command))
        {
            Log.LogError(null, "VSEG0202", null, null, 0, 0, 0, 0, "No videoseg subcommand was given.");
            return false;
        }

        return base.ValidateParameters();
    }

    /// <inheritdoc />
    protected override string GenerateCommandLineCommands()
    {
        var builder = new StringBuilder();
        AppendQuoted(builder, CliAssembly);
        builder.Append(' ').Append(Command);
        foreach (string argument in Arguments)
        {
            builder.Append(' ');
            AppendQuoted(builder, argument);
        }

        return builder.ToString();
    }

    /// <inheritdoc />
    protected override int ExecuteTool(string pathToTool, string responseFileCommands, string commandLineCommands)
    {
        var environment = new List<string>(EnvironmentVariables ?? Array.Empty<string>());
        environment.AddRange(ChildEnvironment);
        EnvironmentVariables = environment.ToArray();
        return base.ExecuteTool(pathToTool, responseFileCommands, commandLineCommands);
    }

    /// <summary>Quotes an argument for the .NET command-line parser when it contains spaces or quotes.</summary>
    public static void AppendQuoted(StringBuilder builder, string argument)
    {
        if (argument.Length > 0 && argument.IndexOfAny([' ', '\t', '"']) < 0)
        {
            builder.Append(argument);
            return;
        }

        builder.Append('"').Append(argument.Replace("\\\"", "\\\\\"").Replace("\"", "\\\"")).Append('"');
    }
}
