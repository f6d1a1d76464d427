using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace VideoSeg.Cli.Tests;

/// <summary>Runs the real videoseg CLI (copied beside the tests) in a child process, as MSBuild does.</summary>
internal static class CliRunner
{
    public static string CliAssembly => Path.Combine(AppContext.BaseDirectory, "videoseg.dll");

    public static CliResult Run(params string[] arguments) => RunIn(Directory.GetCurrentDirectory(), arguments);

    public static CliResult RunIn(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(CliAssembly);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return new CliResult(process.ExitCode, stdout, stderr.Result);
    }
}
