using System;
using System.IO;
using VideoSeg.Core.IO;
using VideoSeg.Reports.Provenance;
using VideoSeg.TestUtilities;
using Xunit;

namespace VideoSeg.Reports.Tests.Provenance;

public sealed class GitInfoTests
{
    [Fact]
    public void A_missing_folder_gives_unknown()
    {
        GitInfo info = GitInfo.Read(Path.Combine(Path.GetTempPath(), "videoseg-no-such-folder-" + Guid.NewGuid().ToString("N")));
        Assert.Equal(GitInfo.Unknown, info);
        Assert.False(info.IsKnown);
        Assert.Equal("unknown", info.ToString());
    }

    [SkippableFact]
    public void A_folder_outside_any_repository_gives_unknown()
    {
        using var temp = new TempDirectory();
        Skip.If(Git(temp.Path, "rev-parse", "--git-dir") == 0, "the temp folder lies inside a git repository");
        Assert.Equal(GitInfo.Unknown, GitInfo.Read(temp.Path));
    }

    [SkippableFact]
    public void A_repository_reports_its_commit_and_whether_it_is_dirty()
    {
        using var temp = new TempDirectory();
        Skip.If(Git(temp.Path, "init", "-q") != 0, "git is not available");
        File.WriteAllText(Path.Combine(temp.Path, "a.txt"), "a");
        Assert.Equal(0, Git(temp.Path, "add", "a.txt"));
        Assert.Equal(0, Git(temp.Path, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "-c", "commit.gpgsign=false", "commit", "-q", "-m", "one"));

        GitInfo clean = GitInfo.Read(temp.Path);
        Assert.Matches("^[0-9a-f]{40}$", clean.Sha);
        Assert.False(clean.IsDirty);
        Assert.EndsWith("(clean)", clean.ToString(), StringComparison.Ordinal);

        File.WriteAllText(Path.Combine(temp.Path, "a.txt"), "changed");
        GitInfo dirty = GitInfo.Read(temp.Path);
        Assert.Equal(clean.Sha, dirty.Sha);
        Assert.True(dirty.IsDirty);
        Assert.Equal($"{clean.Sha} (dirty)", dirty.ToString());
    }

    private static int Git(string directory, params string[] arguments) =>
        ChildProcess.Run("git", ["-C", directory, .. arguments]).ExitCode;
}
