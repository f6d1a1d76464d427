using System;
using System.Collections.Generic;
using System.IO;
using VideoSeg.Cli.Benchmarks;
using VideoSeg.Core.IO;
using VideoSeg.Core.Pipeline;
using Xunit;
using static TorchSharp.torch;

namespace VideoSeg.Cli.Tests.Benchmarks;

public sealed class FineTuningStepBenchmarkTests
{
    private const string Group = "GWM fine-tuning at batch 4 pairs, 128×224";
    private const string SystemPython = "/usr/bin/python3";

    private static readonly Lazy<bool> s_torch = new(() => File.Exists(SystemPython) && ChildProcess.Run(SystemPython, ["-c", "import torch, numpy"]).ExitCode == 0);

    // About 2 s on two cores: the constructor's caching and four decoder steps at 128×224.
    [Fact]
    public void WithoutThePeersPythonOursIsMeasuredAndThePeerRowSaysWhy()
    {
        string missing = Path.Combine(Path.GetTempPath(), "videoseg-no-such-python", "python3");
        var notes = new Notes();

        IReadOnlyList<BenchRow> rows = FineTuningStepBenchmark.Run(1, CPU, PyTorchStepPeer.FineTuning(missing), notes);

        Assert.True(File.Exists(PythonScript.Reference("gwm_small_reference.py")), "the reference script is not beside the CLI");
        Assert.Equal(2, rows.Count);
        BenchRow ours = rows[0];
        Assert.Equal(Group, ours.Group);
        Assert.Equal("it/s", ours.Metric);
        Assert.True(double.IsFinite(ours.Value) && ours.Value > 0, $"it/s {ours.Value}");
        Assert.Null(ours.Ratio);
        Assert.Contains("median of 3", ours.Note, StringComparison.Ordinal);
        BenchRow peer = rows[1];
        Assert.Equal((Group, "PyTorch peer (not run)", "it/s"), (peer.Group, peer.Name, peer.Metric));
        Assert.True(double.IsNaN(peer.Value));
        Assert.Null(peer.Ratio);
        Assert.Equal($"install python3-torch for {missing}", peer.Note);
        Assert.Contains(notes.Messages, m => m.StartsWith("the PyTorch fine-tuning step could not be timed: ", StringComparison.Ordinal) && m.Contains(missing, StringComparison.Ordinal));
    }

    [Fact]
    public void APeerWithoutPythonTimesNothing()
    {
        var notes = new Notes();

        PyTorchStepTiming? timing = PyTorchStepPeer.FineTuning("/nonexistent/python3").Time(4, 1, 1, notes);

        Assert.Null(timing);
        Assert.Single(notes.Messages);
    }

    [SkippableFact]
    public void WithPyTorchThePeerTimesTheStep()
    {
        Skip.IfNot(s_torch.Value, $"{SystemPython} with torch is not installed (apt-get install python3-torch).");
        var notes = new Notes();

        PyTorchStepTiming? timing = PyTorchStepPeer.FineTuning(SystemPython).Time(4, 1, 1, notes);

        Assert.True(timing is not null, string.Join("\n", notes.Messages));
        Assert.True(double.IsFinite(timing.Seconds) && timing.Seconds > 0, $"seconds {timing.Seconds}");
        Assert.Equal(1, timing.Threads);
        Assert.False(string.IsNullOrEmpty(timing.Version));
    }

    private sealed class Notes : IProgress<StageProgress>
    {
        public List<string> Messages { get; } = [];

        public void Report(StageProgress value) => Messages.Add(value.Message);
    }
}
