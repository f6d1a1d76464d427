using System;
using System.Collections.Generic;
using System.IO;
using VideoSeg.Core.IO;
using VideoSeg.TestUtilities;

namespace VideoSeg.Cli.Tests.EndToEnd;

/// <summary>
/// A real single-node Slurm cluster on the loopback interface for one test class, started and stopped through
/// eng/slurm/local-cluster.sh (the script .ci/run and developers use), in a private folder with non-default ports.
/// Where Slurm or munge is not installed, <see cref="SkipReason"/> says so and the tests skip.
/// </summary>
public sealed class LocalSlurmCluster : IDisposable
{
    private const int NotInstalled = 3;
    private readonly TempDirectory _folder = new();
    private readonly string _script = Path.Combine(SharedData.RepositoryRoot, "eng", "slurm", "local-cluster.sh");

    public LocalSlurmCluster()
    {
        ChildProcessResult started = ChildProcess.Run("/bin/sh", [_script, "start", _folder.Path], timeout: TimeSpan.FromMinutes(1));
        if (started.ExitCode == NotInstalled)
        {
            SkipReason = $"Slurm is not installed here (apt-get install slurm-wlm munge): {started.Stderr.Trim()}";
            return;
        }

        if (started.ExitCode != 0)
        {
            throw new InvalidOperationException($"the local Slurm cluster did not start (exit code {started.ExitCode}): {started.Stdout}{started.Stderr}");
        }

        Configuration = Path.Combine(_folder.Path, "slurm.conf");
    }

    /// <summary>Why the Slurm tests skip, or null when the cluster runs.</summary>
    public string? SkipReason { get; }

    /// <summary>The cluster's slurm.conf (SLURM_CONF for every client command).</summary>
    public string Configuration { get; } = string.Empty;

    /// <summary>The environment that points Slurm's commands at this cluster.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string> { ["SLURM_CONF"] = Configuration };

    public void Dispose()
    {
        if (SkipReason is null)
        {
            ChildProcess.Run("/bin/sh", [_script, "stop", _folder.Path], timeout: TimeSpan.FromMinutes(1));
        }

        _folder.Dispose();
    }
}
