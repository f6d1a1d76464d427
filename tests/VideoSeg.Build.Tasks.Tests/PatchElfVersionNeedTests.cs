using System;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Build.Framework;
using VideoSeg.TestUtilities;
using Xunit;

namespace VideoSeg.Build.Tasks.Tests;

public sealed class PatchElfVersionNeedTests
{
    private static string RequireShippedLibrary()
    {
        string path = Path.Combine(
            Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
            "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        Skip.IfNot(File.Exists(path), $"TorchSharp 0.107.0 is not in the NuGet cache ({path}); restore the solution first");
        return path;
    }

    [SkippableFact]
    public void RebindsTheGcc13SymbolAndLeavesTheSourceUntouched()
    {
        string shipped = RequireShippedLibrary();
        byte[] original = File.ReadAllBytes(shipped);
        using var temp = new TempDirectory();
        string copy = temp.Combine("libLibTorchSharp.so");
        File.Copy(shipped, copy);
        DateTime stamp = File.GetLastWriteTimeUtc(copy);

        string[] patched = PatchElfVersionNeed.Patch(copy, "libstdc++.so.6", "GLIBCXX_3.4.32", "GLIBCXX_3.4.30");

        Assert.Equal(["_ZSt21ios_base_library_initv"], patched);
        byte[] after = File.ReadAllBytes(copy);
        Assert.Equal(original.Length, after.Length);
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(copy));
        Assert.Equal(original, File.ReadAllBytes(shipped));
        int changedBytes = original.Zip(after).Count(p => p.First != p.Second);
        Assert.InRange(changedBytes, 2, 12);
        Assert.Empty(PatchElfVersionNeed.Patch(copy, "libstdc++.so.6", "GLIBCXX_3.4.32", "GLIBCXX_3.4.30"));
    }

    [SkippableFact]
    public void DoesNothingWhenTheHostAlreadyHasTheVersion()
    {
        string shipped = RequireShippedLibrary();
        using var temp = new TempDirectory();
        string copy = temp.Combine("libLibTorchSharp.so");
        File.Copy(shipped, copy);
        string host = temp.Combine("libstdc++.so.6");
        File.WriteAllBytes(host, Encoding.ASCII.GetBytes("\0GLIBCXX_3.4.31\0GLIBCXX_3.4.32\0"));
        var engine = new RecordingBuildEngine();
        var task = new PatchElfVersionNeed
        {
            BuildEngine = engine,
            LibraryPath = copy,
            DependencyName = "libstdc++.so.6",
            MissingVersion = "GLIBCXX_3.4.32",
            ReplacementVersion = "GLIBCXX_3.4.30",
            HostLibraryCandidates = [temp.Combine("absent.so"), host],
        };

        Assert.True(task.Execute());

        Assert.False(task.Needed);
        Assert.Empty(task.PatchedSymbols);
        Assert.Equal(File.ReadAllBytes(shipped), File.ReadAllBytes(copy));
    }

    [Fact]
    public void ANonElfFileIsAnErrorWithACode()
    {
        using var temp = new TempDirectory();
        string path = temp.Combine("not-elf.so");
        File.WriteAllText(path, "hello, this is not an ELF file at all, but long enough to read a header from it.");
        var engine = new RecordingBuildEngine();
        var task = new PatchElfVersionNeed
        {
            BuildEngine = engine,
            LibraryPath = path,
            DependencyName = "libstdc++.so.6",
            MissingVersion = "GLIBCXX_3.4.32",
            ReplacementVersion = "GLIBCXX_3.4.30",
        };

        Assert.False(task.Execute());

        BuildErrorEventArgs error = Assert.Single(engine.Errors);
        Assert.Equal("VSEG0101", error.Code);
        Assert.Contains("ELF", error.Message, StringComparison.Ordinal);
    }
}
