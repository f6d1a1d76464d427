using System;
using System.IO;
using VideoSeg.Core.IO;

namespace VideoSeg.Cli.Tests;

/// <summary>Runs the real videoseg CLI (copied beside the tests) in a child process, as MSBuild does.</summary>
internal static class CliRunner
{
    public static string CliAssembly => Path.Combine(AppContext.BaseDirectory, "videoseg.dll");

    public static string DotNet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

    public static ChildProcessResult Run(params string[] arguments) => ChildProcess.Run(DotNet, [CliAssembly, .. arguments]);
}
