using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using VideoSeg.Core.IO;

namespace VideoSeg.Cli.Tests;

/// <summary>
/// The real videoseg CLI running in a child process, for tests that interrupt it: they wait for a file the
/// stage writes, then kill or signal it. Standard error is collected; standard output is drained.
/// </summary>
internal sealed class RunningCli : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();

    private RunningCli(string[] arguments)
    {
        _process = new Process { StartInfo = new ProcessStartInfo(CliRunner.DotNet) { RedirectStandardOutput = true, RedirectStandardError = true } };
        _process.StartInfo.ArgumentList.Add(CliRunner.CliAssembly);
        foreach (string argument in arguments)
        {
            _process.StartInfo.ArgumentList.Add(argument);
        }

        _process.ErrorDataReceived += (_, e) =>
        {
            lock (_stderr)
            {
                _stderr.AppendLine(e.Data);
            }
        };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Whether the CLI has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The exit code, once exited.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>What the CLI wrote to standard error so far.</summary>
    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>Starts <c>videoseg</c> with <paramref name="arguments"/>.</summary>
    public static RunningCli Start(params string[] arguments) => new(arguments);

    /// <summary>Waits until <paramref name="path"/> exists or the CLI exits.</summary>
    public void WaitForFile(string path)
    {
        while (!File.Exists(path) && !_process.HasExited)
        {
            Thread.Sleep(20);
        }
    }

    /// <summary>Sends a POSIX signal (e.g. <c>INT</c>) to the CLI; true when <c>kill</c> delivered it.</summary>
    public bool Signal(string name) =>
        ChildProcess.Run("kill", ["-" + name, _process.Id.ToString(CultureInfo.InvariantCulture)]).ExitCode == 0;

    /// <summary>Kills the CLI at once, as a crash or a lost machine would, and waits for it.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>Waits for the CLI to exit, including its output being read; false after <paramref name="milliseconds"/>.</summary>
    public bool WaitForExit(int milliseconds)
    {
        if (!_process.WaitForExit(milliseconds))
        {
            return false;
        }

        _process.WaitForExit();
        return true;
    }

    /// <inheritdoc />
    public void Dispose() => _process.Dispose();
}
