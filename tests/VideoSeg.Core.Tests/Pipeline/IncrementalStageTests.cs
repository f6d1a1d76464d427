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
        Directory.CreateDirectory(temp.Combine("out.partial"));
        File.WriteAllText(temp.Combine("out.partial", "a.txt"), "half");

        Assert.False(await stage.RunAsync((dir, ct) => Task.CompletedTask, false, CancellationToken.None));

        Assert.False(Directory.Exists(temp.Combine("out.partial")));
        Assert.Equal("done", File.ReadAllText(temp.Combine("out", "a.txt")));
    }
}
