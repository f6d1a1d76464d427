using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using VideoSeg.Core.Pipeline;

namespace VideoSeg.Cli.Benchmarks;

/// <summary>OpenCV's flow methods (DIS, Farnebäck) on the FlyingChairs samples, through eng/reference/opencv_flow.py.</summary>
public sealed class OpenCvFlowPeer
{
    /// <summary>The method the flow rows' ratios are against.</summary>
    public const string Reference = "opencv-dis-medium";

    private readonly string _python;

    /// <summary>A peer run by <paramref name="python"/>.</summary>
    public OpenCvFlowPeer(string python)
    {
        _python = python;
    }

    /// <summary>Each method's result by name; empty when OpenCV cannot run (reported to <paramref name="progress"/>).</summary>
    public IReadOnlyDictionary<string, FlowPeerResult> Measure(string chairs, IProgress<StageProgress>? progress)
    {
        var result = new Dictionary<string, FlowPeerResult>(StringComparer.Ordinal);
        string script = PythonScript.Reference("opencv_flow.py");
        try
        {
            using JsonDocument document = JsonDocument.Parse(PythonScript.Run(_python, [script, chairs]));
            foreach (JsonProperty method in document.RootElement.EnumerateObject())
            {
                result[method.Name] = new FlowPeerResult(method.Value.GetProperty("epe").GetDouble(), method.Value.GetProperty("seconds_per_pair").GetDouble());
            }
        }
        catch (Exception ex) when (ex is IOException or JsonException or InvalidOperationException)
        {
            progress?.Report(StageProgress.Note($"OpenCV peers not run ({ex.Message}); install python3-opencv to compare in the same run"));
        }

        return result;
    }
}
