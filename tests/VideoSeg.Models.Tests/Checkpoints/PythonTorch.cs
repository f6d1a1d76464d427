using System;
using System.Diagnostics;
using System.IO;
using System.Text.Json;

namespace VideoSeg.Models.Tests.Checkpoints;

/// <summary>Runs scripts with a system Python that has PyTorch (Debian's python3-torch), when there is one.</summary>
internal static class PythonTorch
{
    private const string Interpreter = "/usr/bin/python3";

    private static readonly Lazy<bool> s_available = new(() => File.Exists(Interpreter) && TryRun("import torch, numpy", out _));

    public static bool IsAvailable => s_available.Value;

    /// <summary>The PyTorch peer of the network, the loss and the fine-tuning, found above the test's folder.</summary>
    public static string ReferenceScript()
    {
        const string ScriptPath = "eng/reference/gwm_small_reference.py";
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, ScriptPath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{ScriptPath} was not found above {AppContext.BaseDirectory}.");
    }

    /// <summary>A Python string literal of <paramref name="value"/> (JSON's escaping is Python's for these).</summary>
    public static string Quote(string value) => JsonSerializer.Serialize(value);

    public static string Run(string script)
    {
        if (!TryRun(script, out string output))
        {
            throw new InvalidOperationException("Python failed:\n" + output);
        }

        return output;
    }

    private static bool TryRun(string script, out string output)
    {
        var start = new ProcessStartInfo(Interpreter)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-");
        using Process process = Process.Start(start)!;
        process.StandardInput.Write(script);
        process.StandardInput.Close();
        System.Threading.Tasks.Task<string> error = process.StandardError.ReadToEndAsync();
        output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            return false;
        }

        output += error.Result;
        return process.ExitCode == 0;
    }
}
