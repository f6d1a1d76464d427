using System;
using System.IO;
using Xunit;

namespace VideoSeg.TestUtilities;

/// <summary>
/// Locates the read-only real data in <c>../shared/data</c> beside the repository (or in
/// <c>VIDEOSEG_SHARED_DATA</c>); tests that need it skip with a clear message where it is absent.
/// </summary>
public static class SharedData
{
    /// <summary>The repository root: the nearest ancestor of the test binaries holding VideoSeg.sln.</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "VideoSeg.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException($"VideoSeg.sln not found above {AppContext.BaseDirectory}");
        }
    }

    /// <summary>The shared data folder, or null when it is absent.</summary>
    public static string? Root
    {
        get
        {
            string? fromEnvironment = Environment.GetEnvironmentVariable("VIDEOSEG_SHARED_DATA");
            if (!string.IsNullOrEmpty(fromEnvironment))
            {
                return Directory.Exists(fromEnvironment) ? fromEnvironment : null;
            }

            string beside = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "data"));
            return Directory.Exists(beside) ? beside : null;
        }
    }

    /// <summary>The path of <paramref name="relative"/> inside the shared data, skipping the test if it is absent.</summary>
    public static string RequirePath(string relative)
    {
        string? root = Root;
        Skip.If(root is null, "shared data not found: expected ../shared/data beside the repository or VIDEOSEG_SHARED_DATA; this test needs real data");
        string path = Path.Combine(root!, relative);
        Skip.IfNot(File.Exists(path) || Directory.Exists(path), $"shared data '{relative}' not found under '{root}'");
        return path;
    }
}
