using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using VideoSeg.Core.IO;
using VideoSeg.TestUtilities;
using Xunit;

namespace VideoSeg.Evaluation.Tests.Support;

/// <summary>
/// Runs eng/reference/davis_reference.py against the official toolkit. Needs a checkout of
/// davisvideochallenge/davis2017-evaluation in VIDEOSEG_DAVIS_EVAL and a Python with numpy, OpenCV,
/// scikit-image and Pillow (VIDEOSEG_PYTHON, else python3, else /usr/bin/python3).
/// </summary>
internal sealed class ReferenceToolkit
{
    private ReferenceToolkit(string python, string toolkit, string driver)
    {
        Python = python;
        Toolkit = toolkit;
        Driver = driver;
    }

    public string Python { get; }

    public string Toolkit { get; }

    public string Driver { get; }

    /// <summary>The toolkit, or a skip explaining what is missing.</summary>
    public static ReferenceToolkit Require()
    {
        string? toolkit = Environment.GetEnvironmentVariable("VIDEOSEG_DAVIS_EVAL");
        Skip.If(string.IsNullOrEmpty(toolkit), "VIDEOSEG_DAVIS_EVAL is not set; point it at a checkout of davisvideochallenge/davis2017-evaluation to compare with the official toolkit");
        Skip.IfNot(File.Exists(Path.Combine(toolkit!, "davis2017", "metrics.py")), $"VIDEOSEG_DAVIS_EVAL='{toolkit}' holds no davis2017/metrics.py");
        string driver = Path.Combine(SharedData.RepositoryRoot, "eng", "reference", "davis_reference.py");
        var candidates = new List<string>();
        string? fromEnvironment = Environment.GetEnvironmentVariable("VIDEOSEG_PYTHON");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            candidates.Add(fromEnvironment);
        }

        candidates.Add("python3");
        candidates.Add("/usr/bin/python3");
        foreach (string candidate in candidates)
        {
            if (Run(candidate, ["-c", "import numpy, cv2, skimage, PIL"], out _, out _) == 0)
            {
                return new ReferenceToolkit(candidate, toolkit!, driver);
            }
        }

        Skip.If(true, $"no Python with numpy, cv2 (OpenCV), skimage and PIL found (tried {string.Join(", ", candidates)}); set VIDEOSEG_PYTHON");
        throw new InvalidOperationException("unreachable");
    }

    /// <summary>Scores prediction folders (name → folder) against a truth folder; returns the driver's JSON.</summary>
    public JsonDocument Score(string truthFolder, IReadOnlyDictionary<string, string> predictions, string outputPath)
    {
        var arguments = new List<string> { Driver, "--toolkit", Toolkit, "score", "--truth", truthFolder, "--output", outputPath };
        foreach ((string name, string folder) in predictions)
        {
            arguments.Add("--prediction");
            arguments.Add($"{name}={folder}");
        }

        int code = Run(Python, arguments, out string stdout, out string stderr);
        Assert.True(code == 0, $"davis_reference.py failed ({code}):\n{stdout}\n{stderr}");
        return JsonDocument.Parse(File.ReadAllText(outputPath));
    }

    private static int Run(string file, IEnumerable<string> arguments, out string stdout, out string stderr)
    {
        ChildProcessResult result = ChildProcess.Run(file, arguments);
        stdout = result.Stdout;
        stderr = result.Stderr;
        return result.ExitCode;
    }
}
