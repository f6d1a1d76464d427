using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;
using VideoSeg.Core.Imaging;
using VideoSeg.Core.Pipeline;
using VideoSeg.Data.Imaging;

namespace VideoSeg.Cli.Benchmarks;

/// <summary>The official Python DAVIS toolkit (davis2017-evaluation) timed through eng/reference/davis_reference.py.</summary>
public sealed class DavisToolkitPeer
{
    private readonly string _python;
    private readonly string? _toolkit;

    /// <summary>A peer run by <paramref name="python"/> from the checkout <paramref name="toolkit"/> (null: not run).</summary>
    public DavisToolkitPeer(string python, string? toolkit)
    {
        _python = python;
        _toolkit = toolkit;
    }

    /// <summary>
    /// The toolkit's seconds for J&amp;F over <paramref name="count"/> masks cycling the given pairs, or null when it
    /// is not installed or fails (the failure is reported to <paramref name="progress"/>).
    /// </summary>
    public double? Time(IReadOnlyList<BinaryMask> truths, IReadOnlyList<BinaryMask> predictions, int count, IProgress<StageProgress>? progress)
    {
        ArgumentNullException.ThrowIfNull(truths);
        ArgumentNullException.ThrowIfNull(predictions);
        string driver = PythonScript.Reference("davis_reference.py");
        if (_toolkit is null || !Directory.Exists(_toolkit) || !File.Exists(driver))
        {
            return null;
        }

        string temp = Path.Combine(Path.GetTempPath(), "videoseg-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            for (int i = 0; i < truths.Count; i++)
            {
                ImageCodec.WriteMaskPng(Path.Combine(temp, "truth", $"{i:D5}.png"), truths[i]);
                ImageCodec.WriteMaskPng(Path.Combine(temp, "prediction", $"{i:D5}.png"), predictions[i]);
            }

            string json = PythonScript.Run(_python, [driver, "--toolkit", _toolkit, "bench", "--truth", Path.Combine(temp, "truth"), "--prediction", Path.Combine(temp, "prediction"), "--count", count.ToString(CultureInfo.InvariantCulture)]);
            using JsonDocument document = JsonDocument.Parse(json);
            return document.RootElement.GetProperty("seconds").GetDouble();
        }
        catch (Exception ex) when (ex is IOException or JsonException or InvalidOperationException or KeyNotFoundException)
        {
            progress?.Report(StageProgress.Note($"the Python DAVIS toolkit could not be timed: {ex.Message}"));
            return null;
        }
        finally
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }
        }
    }
}
