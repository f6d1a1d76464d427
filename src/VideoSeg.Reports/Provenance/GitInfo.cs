using System;
using System.Collections.Generic;
using System.IO;
using VideoSeg.Core.IO;

namespace VideoSeg.Reports.Provenance;

/// <summary>The commit a run was made from and whether the work tree had uncommitted changes.</summary>
/// <param name="Sha">The full commit SHA, or <see cref="UnknownSha"/> when git or the repository is absent.</param>
/// <param name="IsDirty">True when tracked or untracked (not ignored) files differ from the commit; null when unknown.</param>
public sealed record GitInfo(string Sha, bool? IsDirty)
{
    /// <summary>The SHA recorded when it cannot be determined.</summary>
    public const string UnknownSha = "unknown";

    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(15);

    /// <summary>What is recorded when git or the repository is absent.</summary>
    public static GitInfo Unknown { get; } = new(UnknownSha, null);

    /// <summary>True when the SHA is known.</summary>
    public bool IsKnown => !string.Equals(Sha, UnknownSha, StringComparison.Ordinal);

    /// <summary>
    /// Asks <c>git</c> for the commit and the work tree's state of the repository at
    /// <paramref name="repoRoot"/>. Never throws: where git is missing, the folder is not a
    /// repository or git refuses it, the result is <see cref="Unknown"/>.
    /// </summary>
    public static GitInfo Read(string repoRoot)
    {
        if (string.IsNullOrEmpty(repoRoot) || !Directory.Exists(repoRoot))
        {
            return Unknown;
        }

        string? sha = RunGit(repoRoot, "rev-parse", "HEAD")?.Trim();
        if (string.IsNullOrEmpty(sha))
        {
            return Unknown;
        }

        string? status = RunGit(repoRoot, "status", "--porcelain");
        return new GitInfo(sha, status is null ? null : status.Length > 0);
    }

    /// <summary>The SHA with "(dirty)", "(clean)" or nothing after it, for report headers.</summary>
    public override string ToString() => IsDirty switch
    {
        true => $"{Sha} (dirty)",
        false => $"{Sha} (clean)",
        null => Sha,
    };

    private static string? RunGit(string repoRoot, params string[] arguments)
    {
        // A localised git would still print the same porcelain output, but keep messages stable.
        ChildProcessResult result = ChildProcess.Run(
            "git",
            ["-C", repoRoot, .. arguments],
            environment: new Dictionary<string, string> { ["LC_ALL"] = "C" },
            timeout: s_timeout);
        return result.ExitCode == 0 ? result.Stdout : null;
    }
}
