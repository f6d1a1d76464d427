using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace VideoSeg.Core.IO;

/// <summary>
/// Runs a program to completion and captures what it printed. Standard error is drained while
/// standard output is read, so a chatty child can never block on a full pipe.
/// </summary>
public static class ChildProcess
{
    /// <summary>
    /// Runs <paramref name="fileName"/> with <paramref name="arguments"/> (passed verbatim, no shell).
    /// A program that cannot be started, or that outlives <paramref name="timeout"/> (it is then killed), yields
    /// exit code −1 with the reason as standard error.
    /// </summary>
    public static ChildProcessResult Run(
        string fileName,
        IEnumerable<string> arguments,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null,
        TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach ((string name, string value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        try
        {
            using Process process = Process.Start(start) ?? throw new Win32Exception($"could not start '{fileName}'");
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            Task<string> stdout = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(timeout ?? Timeout.InfiniteTimeSpan))
            {
                process.Kill(entireProcessTree: true);
                return new ChildProcessResult(-1, string.Empty, $"'{fileName}' did not finish within {timeout}");
            }

            process.WaitForExit();
            return new ChildProcessResult(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
        }
        catch (Win32Exception ex)
        {
            return new ChildProcessResult(-1, string.Empty, $"could not start '{fileName}': {ex.Message}");
        }
    }
}
