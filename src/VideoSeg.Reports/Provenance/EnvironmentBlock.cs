using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;

namespace VideoSeg.Reports.Provenance;

/// <summary>
/// The facts that make a result reproducible, as BenchmarkDotNet's host-environment header does:
/// rendered as the text that opens every Markdown report, and stored as data in the run manifest.
/// </summary>
/// <param name="Git">The commit and whether the work tree was dirty.</param>
/// <param name="SdkVersion">The .NET SDK version that built the harness.</param>
/// <param name="RuntimeVersion">The .NET runtime that ran it.</param>
/// <param name="OperatingSystem">The operating system and architecture.</param>
/// <param name="TorchSharpVersion">The TorchSharp package version.</param>
/// <param name="LibTorchVersion">The native libtorch version.</param>
/// <param name="Device">The device the models ran on, e.g. "cpu" or "cuda:0 (NVIDIA H100)".</param>
/// <param name="Seeds">Every random seed, by name.</param>
/// <param name="Suite">The data suite, e.g. "DAVIS 2016 val" or "synthetic".</param>
public sealed record EnvironmentBlock(
    GitInfo Git,
    string SdkVersion,
    string RuntimeVersion,
    string OperatingSystem,
    string TorchSharpVersion,
    string LibTorchVersion,
    string Device,
    IReadOnlyDictionary<string, long> Seeds,
    string Suite)
{
    /// <summary>
    /// An environment block whose runtime and operating system are read from this process;
    /// the rest, which only the caller knows, is passed in.
    /// </summary>
    public static EnvironmentBlock CaptureHost(
        GitInfo git,
        string sdkVersion,
        string torchSharpVersion,
        string libTorchVersion,
        string device,
        IReadOnlyDictionary<string, long> seeds,
        string suite) =>
        new(
            git,
            sdkVersion,
            RuntimeInformation.FrameworkDescription,
            $"{RuntimeInformation.OSDescription} {RuntimeInformation.OSArchitecture}".Trim(),
            torchSharpVersion,
            libTorchVersion,
            device,
            seeds,
            suite);

    /// <summary>
    /// The block as Markdown: a fenced text block, one fact per line, seeds sorted by name, and
    /// a blank line after it so a report's own content can follow directly.
    /// </summary>
    public string ToMarkdown()
    {
        ArgumentNullException.ThrowIfNull(Git);
        ArgumentNullException.ThrowIfNull(Seeds);
        string seeds = Seeds.Count == 0
            ? "none"
            : string.Join(", ", Seeds.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}={s.Value}"));
        var text = new StringBuilder();
        text.Append("```text\n");
        text.Append("VideoSeg environment\n");
        text.Append($"Git commit   : {Git}\n");
        text.Append($".NET SDK     : {SdkVersion}\n");
        text.Append($"Runtime      : {RuntimeVersion}\n");
        text.Append($"OS           : {OperatingSystem}\n");
        text.Append($"TorchSharp   : {TorchSharpVersion}\n");
        text.Append($"libtorch     : {LibTorchVersion}\n");
        text.Append($"Device       : {Device}\n");
        text.Append($"Seeds        : {seeds}\n");
        text.Append($"Suite        : {Suite}\n");
        text.Append("```\n\n");
        return text.ToString();
    }
}
