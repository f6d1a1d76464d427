using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;
using TorchSharp;
using VideoSeg.Core.Pipeline;
using VideoSeg.Flow.Devices;

namespace VideoSeg.Cli.Benchmarks;

/// <summary>
/// PyTorch taking the same step as one of ours on the CPU, through one of eng/reference/gwm_small_reference.py's
/// bench modes: the GWM training step (<c>bench</c>) or the consistency fine-tuning step (<c>finetune-bench</c>).
/// </summary>
public sealed class PyTorchStepPeer
{
    private const string Script = "gwm_small_reference.py";
    private readonly string _mode;
    private readonly string _sizeOption;
    private readonly string _step;
    private readonly string _sameAs;

    private PyTorchStepPeer(string python, string mode, string sizeOption, string step, string sameAs)
    {
        Python = python;
        _mode = mode;
        _sizeOption = sizeOption;
        _step = step;
        _sameAs = sameAs;
    }

    /// <summary>The Python that runs the peer, for the note that says what to install.</summary>
    public string Python { get; }

    /// <summary>The peer of the GWM training step (forward, loss, backward, clip, AdamW); its size is the batch.</summary>
    public static PyTorchStepPeer Training(string python) => new(python, "bench", "--batch", "training step", "same network, loss and optimizer");

    /// <summary>The peer of one consistency fine-tuning step (decoder on cached backbone features); its size is the number of pairs.</summary>
    public static PyTorchStepPeer FineTuning(string python) => new(python, "finetune-bench", "--pairs", "fine-tuning step", "same network, cached features, loss and optimizer");

    /// <summary>
    /// The peer's step timing at <paramref name="size"/> (batch or pairs), or null when the script or PyTorch is
    /// missing or fails (reported to <paramref name="progress"/>).
    /// </summary>
    public PyTorchStepTiming? Time(int size, int threads, int repeats, IProgress<StageProgress>? progress)
    {
        string script = PythonScript.Reference(Script);
        if (!File.Exists(script))
        {
            return null;
        }

        try
        {
            return PyTorchStepTiming.Parse(PythonScript.Run(Python, [script, _mode, _sizeOption, Invariant(size), "--threads", Invariant(threads), "--repeats", Invariant(repeats)]));
        }
        catch (Exception ex) when (ex is IOException or JsonException or InvalidOperationException or KeyNotFoundException)
        {
            progress?.Report(StageProgress.Note($"the PyTorch {_step} could not be timed: {ex.Message}"));
            return null;
        }
    }

    /// <summary>
    /// Times the peer at <paramref name="size"/> when ours ran on the CPU and returns the group's rows: ours
    /// (<paramref name="oursName"/> at <paramref name="oursSeconds"/> per step, with its ratio against the peer), then
    /// the peer's, or a row saying why the peer did not run.
    /// </summary>
    public IReadOnlyList<BenchRow> Compare(string group, string oursName, string oursNote, double oursSeconds, torch.Device device, int size, int repeats, IProgress<StageProgress>? progress)
    {
        ArgumentNullException.ThrowIfNull(device);
        int threads = torch.get_num_threads();
        PyTorchStepTiming? theirs = device.type == DeviceType.CPU ? Time(size, threads, repeats, progress) : null;
        string peerName = theirs is null ? string.Empty : $"PyTorch {theirs.Version} ({Script})";
        var rows = new List<BenchRow>
        {
            new(group, oursName, "it/s", 1 / oursSeconds, theirs is null ? null : theirs.Seconds / oursSeconds, peerName, oursNote),
        };
        if (theirs is not null)
        {
            rows.Add(new BenchRow(group, $"PyTorch peer: {_sameAs}", "it/s", 1 / theirs.Seconds, 1.0, peerName, $"eng/reference/{Script} {_mode}, CPU, {theirs.Threads} threads (set to ours), BLAS {theirs.Blas}, median of {repeats}, same run"));
        }
        else
        {
            string reason = device.type == DeviceType.CPU
                ? $"install python3-torch for {Python}"
                : $"the peer runs on the CPU only, ours ran on {FlowDevice.Describe(device)}";
            rows.Add(new BenchRow(group, "PyTorch peer (not run)", "it/s", double.NaN, null, string.Empty, reason));
        }

        return rows;
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
