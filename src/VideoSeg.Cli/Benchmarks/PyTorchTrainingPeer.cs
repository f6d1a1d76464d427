using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;
using VideoSeg.Core.Pipeline;

namespace VideoSeg.Cli.Benchmarks;

/// <summary>PyTorch taking the same GWM training step, through eng/reference/gwm_small_reference.py on the CPU.</summary>
public sealed class PyTorchTrainingPeer
{
    private readonly string _python;

    /// <summary>A peer run by <paramref name="python"/>.</summary>
    public PyTorchTrainingPeer(string python)
    {
        _python = python;
    }

    /// <summary>The Python that runs the peer, for the note that says what to install.</summary>
    public string Python => _python;

    /// <summary>The peer's step timing, or null when the script or PyTorch is missing or fails (reported to <paramref name="progress"/>).</summary>
    public PyTorchStepTiming? Time(int batch, int threads, int repeats, IProgress<StageProgress>? progress)
    {
        string script = PythonScript.Reference("gwm_small_reference.py");
        if (!File.Exists(script))
        {
            return null;
        }

        try
        {
            return PyTorchStepTiming.Parse(PythonScript.Run(_python, [script, "bench", "--batch", batch.ToString(CultureInfo.InvariantCulture), "--threads", threads.ToString(CultureInfo.InvariantCulture), "--repeats", repeats.ToString(CultureInfo.InvariantCulture)]));
        }
        catch (Exception ex) when (ex is IOException or JsonException or InvalidOperationException or KeyNotFoundException)
        {
            progress?.Report(StageProgress.Note($"the PyTorch training step could not be timed: {ex.Message}"));
            return null;
        }
    }
}
