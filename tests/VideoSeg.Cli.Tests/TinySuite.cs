using System;
using System.IO;
using VideoSeg.Core.IO;
using VideoSeg.TestUtilities;
using Xunit;

namespace VideoSeg.Cli.Tests;

/// <summary>A tiny generated suite with ground-truth flows, made once per test class through the CLI itself.</summary>
public sealed class TinySuite : IDisposable
{
    private readonly TempDirectory _temp = new();

    public TinySuite()
    {
        Dataset = _temp.Combine("datasets", "synthetic");
        ChildProcessResult result = CliRunner.Run("generate", "--out", Dataset, "--sequences", "2", "--min-frames", "5", "--max-frames", "5", "--height", "48", "--width", "64");
        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Flows = _temp.Combine("results", "flows");
        result = CliRunner.Run("flows", "--dataset", Dataset, "--out", Flows, "--estimator", "groundtruth", "--height", "48", "--width", "64");
        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
    }

    public string Dataset { get; }

    public string Flows { get; }

    /// <summary>A fresh copy of the suite and its flows, for a test that damages files.</summary>
    public (string Dataset, string Flows, TempDirectory Owner) CopyForDamage()
    {
        var owner = new TempDirectory();
        string dataset = owner.Combine("datasets", "synthetic");
        string flows = owner.Combine("results", "flows");
        Copy(Dataset, dataset);
        Copy(Flows, flows);
        return (dataset, flows, owner);
    }

    public void Dispose() => _temp.Dispose();

    private static void Copy(string from, string to)
    {
        foreach (string file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
