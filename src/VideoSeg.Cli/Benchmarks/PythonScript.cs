using System;
using System.Collections.Generic;
using System.IO;
using VideoSeg.Core.IO;

namespace VideoSeg.Cli.Benchmarks;

/// <summary>Runs the reference scripts shipped beside the CLI (eng/reference, copied to <c>reference/</c>) with a given Python.</summary>
public static class PythonScript
{
    /// <summary>The path of the reference script <paramref name="name"/> beside the CLI.</summary>
    public static string Reference(string name) => Path.Combine(AppContext.BaseDirectory, "reference", name);

    /// <summary>
    /// Runs <paramref name="python"/> with <paramref name="arguments"/> and returns the last line of its output
    /// (the scripts print their JSON result last); throws <see cref="InvalidOperationException"/> when it fails.
    /// </summary>
    public static string Run(string python, IEnumerable<string> arguments)
    {
        ChildProcessResult result = ChildProcess.Run(python, arguments);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{python} {string.Join(' ', arguments)} exited with {result.ExitCode}: {result.Stderr.Trim()}");
        }

        return result.Stdout.Trim().Split('\n')[^1];
    }
}
