using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using VideoSeg.Core.Pipeline;
using VideoSeg.TestUtilities;
using Xunit;

namespace VideoSeg.Core.Tests.Pipeline;

public sealed class IncrementalStageTests
{
    [Fact]
    public async Task UnchangedRerunIsSkippedAndAChangedParameterOrInputReruns()
    {
        using var temp = new TempDirectory();
        string input = temp.Combine("input.txt");
        File.WriteAllText(input, "v1");
        int runs = 0;
        Task Work(string dir, CancellationToken ct)
        {
            runs++;
            File.WriteAllText(Path.Combine(dir, "out.txt"), File.ReadAllText(input));
            return Task.CompletedTask;
        }

        IncrementalStage Stage(int p) => new IncrementalStage("s", temp.Combine("out")).WithParameter("p", p).WithInput(input);

        Assert.True(await Stage(1).RunAsync(Work, force: false, CancellationToken.None));
        Assert.False(await Stage(1).RunAsync(Work, force: false, CancellationToken.None));
        Assert.True(await Stage(2).RunAsync(Work, force: false, CancellationToken.None));
        File.WriteAllText(input, "v2");
        Assert.True(await Stage(2).RunAsync(Work, force: false, CancellationToken.None));
        Assert.True(await Stage(2).RunAsync(Work, force: true, CancellationToken.None));
        Assert.Equal(4, runs);
        Assert.Equal("v2", File.ReadAllText(temp.Combine("out", "out.txt")));
    }

    [Fact]
    public async Task ATamperedOutputMakesTheStageRunAgain()
    {
        using var temp = new TempDirectory();
        var stage = new IncrementalStage("s", temp.Combine("out"));
        static Task Work(string dir, CancellationToken ct)
        {
            File.WriteAllText(Path.Combine(dir, "out.txt"), "good");
            return Task.CompletedTask;
        }

        await stage.RunAsync(Work, false, CancellationToken.None);
        File.WriteAllText(temp.Combine("out", "out.txt"), "edited by hand");

        Assert.True(await stage.RunAsync(Work, false, CancellationToken.None));
        Assert.Equal("good", File.ReadAllText(temp.Combine("out", "out.txt")));
    }

    [Fact]
    public async Task AnInterruptedRunKeepsThePreviousOutputAndLeavesNoPartialFolder()
    {
        using var temp = new TempDirectory();
        var stage = new IncrementalStage("s", temp.Combine("out")).WithParameter("p", 1);
        await stage.RunAsync((dir, ct) => File.WriteAllTextAsync(Path.Combine(dir, "a.txt"), "first", ct), false, CancellationToken.None);

        var changed = new IncrementalStage("s", temp.Combine("out")).WithParameter("p", 2);
        await Assert.ThrowsAsync<InvalidOperationException>(() => changed.RunAsync(
            (dir, _) =>
            {
                File.WriteAllText(Path.Combine(dir, "a.txt"), "half");
                throw new InvalidOperationException("boom");
            },
            false,
            CancellationToken.None));

        Assert.Equal("first", File.ReadAllText(temp.Combine("out", "a.txt")));
        Assert.False(Directory.Exists(temp.Combine("out.partial")));
        Assert.False(changed.IsUpToDate(changed.ComputeInputHash()));
        Assert.True(await changed.RunAsync((dir, ct) => File.WriteAllTextAsync(Path.Combine(dir, "a.txt"), "second", ct), false, CancellationToken.None));
    }

    [Fact]
    public async Task APartialFolderLeftByAKilledRunIsDiscardedEvenWhenTheStageIsUpToDate()
    {
        using var temp = new TempDirectory();
        var stage = new IncrementalStage("s", temp.Combine("out"));
        await stage.RunAsync((dir, ct) => File.WriteAllTextAsync(Path.Combine(dir, "a.txt"), "done", ct), false, CancellationToken.None);
        Directory.CreateDirectory(temp.Combine("out.partial", "output"));
        File.WriteAllText(temp.Combine("out.partial", IncrementalStage.WorkingMarkerFileName), "s\n");
        File.WriteAllText(temp.Combine("out.partial", "output", "a.txt"), "half");

        Assert.False(await stage.RunAsync((dir, ct) => Task.CompletedTask, false, CancellationToken.None));

        Assert.False(Directory.Exists(temp.Combine("out.partial")));
        Assert.Equal("done", File.ReadAllText(temp.Combine("out", "a.txt")));
    }

    [Fact]
    public async Task AnOutputFolderThatVideoSegDidNotMakeIsRefusedEvenWithForceAndKeepsItsFiles()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Combine("thesis.tex"), "years of work");
        var stage = new IncrementalStage("flows", temp.Path);
        int runs = 0;

        var error = await Assert.ThrowsAsync<VideoSegException>(() => stage.RunAsync((_, _) => Task.FromResult(++runs), force: true, CancellationToken.None));

        Assert.Equal(ErrorCodes.OutputNotOwned, error.Code);
        Assert.Equal(temp.Path, error.Path);
        Assert.Contains("did not make it", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, runs);
        Assert.Equal("years of work", File.ReadAllText(temp.Combine("thesis.tex")));
        Assert.False(Directory.Exists(temp.Path + ".partial"));
    }

    [Fact]
    public async Task AnOutputCarryingAnotherStagesStampIsRefused()
    {
        using var temp = new TempDirectory();
        await new IncrementalStage("flows", temp.Combine("out")).RunAsync((dir, ct) => File.WriteAllTextAsync(Path.Combine(dir, "f.flo"), "flow", ct), false, CancellationToken.None);

        var error = await Assert.ThrowsAsync<VideoSegException>(() => new IncrementalStage("occlusions", temp.Combine("out")).RunAsync((_, _) => Task.CompletedTask, true, CancellationToken.None));

        Assert.Equal(ErrorCodes.OutputNotOwned, error.Code);
        Assert.Equal("flow", File.ReadAllText(temp.Combine("out", "f.flo")));
    }

    [Fact]
    public async Task AnEmptyExistingFolderMayBeUsedAsTheOutput()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.Combine("out"));

        Assert.True(await new IncrementalStage("s", temp.Combine("out")).RunAsync((dir, ct) => File.WriteAllTextAsync(Path.Combine(dir, "a.txt"), "a", ct), false, CancellationToken.None));

        Assert.Equal("a", File.ReadAllText(temp.Combine("out", "a.txt")));
    }

    [Theory]
    [InlineData("dataset", "is the input")]
    [InlineData("dataset/JPEGImages", "lies inside the input")]
    [InlineData(".", "contains the input")]
    public async Task AnOutputEqualToInsideOrContainingAnInputIsRefusedBeforeAnyWork(string output, string relation)
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.Combine("dataset", "JPEGImages"));
        File.WriteAllText(temp.Combine("dataset", "JPEGImages", "00000.png"), "frame");
        var stage = new IncrementalStage("flows", Path.GetFullPath(Path.Combine(temp.Path, output))).WithInputRoot(temp.Combine("dataset"));
        int runs = 0;

        var error = await Assert.ThrowsAsync<VideoSegException>(() => stage.RunAsync((_, _) => Task.FromResult(++runs), true, CancellationToken.None));

        Assert.Equal(ErrorCodes.OutputNotOwned, error.Code);
        Assert.Contains(relation, error.Message, StringComparison.Ordinal);
        Assert.Equal(0, runs);
        Assert.Equal("frame", File.ReadAllText(temp.Combine("dataset", "JPEGImages", "00000.png")));
    }

    [Fact]
    public async Task AnOutputThatIsARegularFileFailsBeforeAnyWorkAndLeavesNoPartialFolder()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Combine("out"), "a file");
        int runs = 0;

        var error = await Assert.ThrowsAsync<VideoSegException>(() => new IncrementalStage("s", temp.Combine("out")).RunAsync((_, _) => Task.FromResult(++runs), false, CancellationToken.None));

        Assert.Equal(ErrorCodes.OutputNotOwned, error.Code);
        Assert.Contains("regular file", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, runs);
        Assert.Equal("a file", File.ReadAllText(temp.Combine("out")));
        Assert.False(Directory.Exists(temp.Combine("out.partial")));
    }

    [Fact]
    public async Task APartialFolderWithoutVideoSegsMarkerIsNotDeleted()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.Combine("out.partial"));
        File.WriteAllText(temp.Combine("out.partial", "notes.txt"), "mine");

        var error = await Assert.ThrowsAsync<VideoSegException>(() => new IncrementalStage("s", temp.Combine("out")).RunAsync((_, _) => Task.CompletedTask, true, CancellationToken.None));

        Assert.Equal(ErrorCodes.OutputNotOwned, error.Code);
        Assert.Equal(temp.Combine("out.partial"), error.Path);
        Assert.Equal("mine", File.ReadAllText(temp.Combine("out.partial", "notes.txt")));
    }

    [Fact]
    public async Task AStampPathHoldingSomethingElseIsNotOverwritten()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Combine("out.stamp.json"), "{\"my\": \"settings\"}");

        var error = await Assert.ThrowsAsync<VideoSegException>(() => new IncrementalStage("s", temp.Combine("out")).RunAsync((_, _) => Task.CompletedTask, false, CancellationToken.None));

        Assert.Equal(ErrorCodes.OutputNotOwned, error.Code);
        Assert.Equal("{\"my\": \"settings\"}", File.ReadAllText(temp.Combine("out.stamp.json")));
    }

    [Fact]
    public async Task AnOutputWhoseParentCannotBeWrittenFailsBeforeAnyWork()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Combine("file"), "x");
        int runs = 0;

        // A path below a regular file cannot be created, whoever runs the test (root ignores permission bits).
        var error = await Assert.ThrowsAsync<VideoSegException>(() => new IncrementalStage("s", temp.Combine("file", "out")).RunAsync((_, _) => Task.FromResult(++runs), false, CancellationToken.None));

        Assert.Equal(ErrorCodes.OutputNotWritable, error.Code);
        Assert.Equal(0, runs);
    }

    [Fact]
    public async Task AKillDuringTheSwapLeavesAnOutputTheStageStillOwns()
    {
        using var temp = new TempDirectory();
        var stage = new IncrementalStage("s", temp.Combine("out")).WithParameter("p", 1);
        await stage.RunAsync((dir, ct) => File.WriteAllTextAsync(Path.Combine(dir, "a.txt"), "first", ct), false, CancellationToken.None);

        // What a kill between the stamp and the swap leaves: the new stamp, the old output, a marked working folder.
        var next = new IncrementalStage("s", temp.Combine("out")).WithParameter("p", 2);
        string stamp = File.ReadAllText(next.StampPath).Replace("\"InputHash\": \"", "\"InputHash\": \"x", StringComparison.Ordinal);
        File.WriteAllText(next.StampPath, stamp);
        Directory.CreateDirectory(Path.Combine(next.WorkingDirectory, "output"));
        File.WriteAllText(Path.Combine(next.WorkingDirectory, IncrementalStage.WorkingMarkerFileName), "s\n");

        Assert.True(await next.RunAsync((dir, ct) => File.WriteAllTextAsync(Path.Combine(dir, "a.txt"), "second", ct), false, CancellationToken.None));

        Assert.Equal("second", File.ReadAllText(temp.Combine("out", "a.txt")));
        Assert.False(Directory.Exists(next.WorkingDirectory));
    }
}
