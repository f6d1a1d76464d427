using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using VideoSeg.Core;
using VideoSeg.Core.IO;
using VideoSeg.Core.Pipeline;
using VideoSeg.Data.Imaging;
using VideoSeg.Reports.Provenance;

namespace VideoSeg.Reports.Html;

/// <summary>
/// Assembles a <see cref="StudyPage"/> from a report folder's artifacts and its run manifest: the environment and
/// provenance from the manifest, figures and strips from the files the report wrote (checked to exist and sized
/// from their headers), and a link to every file.
/// </summary>
public static class StudyPageBuilder
{
    private static readonly string[] s_numericsKeys = ["thread", "capability", "isa", "cbwr", "numerics", "pinning"];

    /// <summary>The page, from the manifest the report writes beside it and the parts the report built.</summary>
    /// <param name="title">The page title.</param>
    /// <param name="summary">One sentence under the title.</param>
    /// <param name="manifest">The run's manifest (its output hashes need not include the page).</param>
    /// <param name="tables">The tables, in page order.</param>
    /// <param name="figures">The figures, in page order.</param>
    /// <param name="strips">The qualitative strips, in page order.</param>
    /// <param name="notes">Caveats and protocol sentences.</param>
    /// <param name="output">The report folder, whose files are linked.</param>
    public static StudyPage Build(
        string title,
        string summary,
        RunManifest manifest,
        IReadOnlyList<PageTable> tables,
        IReadOnlyList<PageFigure> figures,
        IReadOnlyList<PageStrip> strips,
        IReadOnlyList<string> notes,
        string output)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return new StudyPage(
            title,
            summary,
            EnvironmentFacts(manifest.Environment),
            ProvenanceFacts(manifest),
            manifest.Stages.Select(Stage).ToList(),
            tables,
            figures,
            strips,
            notes,
            Links(output, [RunManifestWriter.FileName]),
            $"Written by videoseg {Version(manifest)} from the rows of this run's CSVs; the manifest (manifest.json) hashes this page with every other output.");
    }

    /// <summary>The environment block's facts, in the order the Markdown reports print them.</summary>
    public static IReadOnlyList<PageFact> EnvironmentFacts(EnvironmentBlock environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        string seeds = environment.Seeds.Count == 0
            ? "none"
            : string.Join(", ", environment.Seeds.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Key}={s.Value}")));
        return
        [
            new("Git commit", environment.Git.ToString()),
            new(".NET SDK", environment.SdkVersion),
            new("Runtime", environment.RuntimeVersion),
            new("OS", environment.OperatingSystem),
            new("TorchSharp", environment.TorchSharpVersion),
            new("libtorch", environment.LibTorchVersion),
            new("Device", environment.Device),
            new("Seeds", seeds),
            new("Suite", environment.Suite),
        ];
    }

    /// <summary>A figure inlined from an SVG file of the report folder, its identifiers scoped to <paramref name="id"/>.</summary>
    /// <exception cref="VideoSegException">The SVG is missing or malformed.</exception>
    public static PageFigure SvgFigure(string output, string id, string title, string caption, string svgFile, IReadOnlyList<string> dataFiles)
    {
        ArgumentNullException.ThrowIfNull(dataFiles);
        string svg = InlineSvg.Read(Existing(output, svgFile), id);
        return new PageFigure(id, title, caption, svg, null, 0, 0, [svgFile, .. dataFiles.Where(f => File.Exists(Path.Combine(output, f)))]);
    }

    /// <summary>A figure shown from a PNG of the report folder by relative path, sized from its header.</summary>
    /// <exception cref="VideoSegException">The image is missing or not a PNG.</exception>
    public static PageFigure ImageFigure(string output, string id, string title, string caption, string imageFile)
    {
        ImageSize size = ImageCodec.ReadSize(Existing(output, imageFile));
        return new PageFigure(id, title, caption, null, Href(imageFile), size.Width, size.Height, [imageFile]);
    }

    /// <summary>A sequence's strip, shown from a PNG of the report folder by relative path.</summary>
    /// <exception cref="VideoSegException">The image is missing or not a PNG.</exception>
    public static PageStrip Strip(string output, string sequence, string frame, string summary, string imageFile)
    {
        ImageSize size = ImageCodec.ReadSize(Existing(output, imageFile));
        return new PageStrip(sequence, frame, summary, Href(imageFile), size.Width, size.Height);
    }

    /// <summary>A link to every file of <paramref name="output"/> (and to <paramref name="toBeWritten"/>, which the caller writes after the page), sorted by path.</summary>
    public static IReadOnlyList<PageLink> Links(string output, IReadOnlyList<string> toBeWritten)
    {
        ArgumentNullException.ThrowIfNull(toBeWritten);
        var links = new SortedDictionary<string, PageLink>(StringComparer.Ordinal);
        foreach (string file in ContentHash.ListFiles(output))
        {
            links[file] = new PageLink(file, Href(file), Size(new FileInfo(Path.Combine(output, file)).Length));
        }

        foreach (string file in toBeWritten)
        {
            links.TryAdd(file, new PageLink(file, Href(file), "written after this page"));
        }

        return [.. links.Values];
    }

    /// <summary>A report-relative path as a URL path: each segment escaped, '/' kept.</summary>
    public static string Href(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        return string.Join('/', relativePath.Split('/').Select(Uri.EscapeDataString));
    }

    private static List<PageFact> ProvenanceFacts(RunManifest manifest)
    {
        var facts = new List<PageFact>
        {
            new("Run started (UTC)", manifest.StartedUtc.ToString("u", CultureInfo.InvariantCulture)),
            new("Experiment matrix", manifest.MatrixHash),
        };
        facts.AddRange(manifest.ToolVersions.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => new PageFact($"Version: {v.Key}", v.Value)));
        facts.AddRange(manifest.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new PageFact($"Parameter: {p.Key}", p.Value)));
        facts.AddRange(manifest.InputHashes.OrderBy(h => h.Key, StringComparer.Ordinal).Select(h => new PageFact($"Input: {h.Key}", h.Value)));
        facts.Add(new PageFact("Numerics", Numerics(manifest.Stages)));
        facts.Add(new PageFact("Protocol", manifest.Protocol));
        return facts;
    }

    /// <summary>
    /// What the stamps record about how CPU numerics were pinned (kernel capability, ISA ceiling, reproducibility
    /// mode, thread counts), per stage; said plainly when nothing was, since the same seed then need not give the
    /// same training on another CPU.
    /// </summary>
    internal static string Numerics(IReadOnlyList<StageStamp> stages)
    {
        string[] pinned = stages
            .SelectMany(stamp => (stamp.Parameters ?? new Dictionary<string, string>())
                .Where(p => s_numericsKeys.Any(k => p.Key.Contains(k, StringComparison.OrdinalIgnoreCase)))
                .Select(p => $"{stamp.Stage}: {p.Key}={p.Value}"))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        return pinned.Length > 0
            ? string.Join("; ", pinned)
            : "not pinned: no stage recorded a CPU capability, ISA ceiling, reproducibility mode or thread count, so libtorch chose its kernels for this CPU";
    }

    private static PageStage Stage(StageStamp stamp) =>
        new(
            stamp.Stage,
            stamp.ElapsedSeconds.ToString("0.0 's'", CultureInfo.InvariantCulture),
            stamp.InputHash.Length > 12 ? stamp.InputHash[..12] : stamp.InputHash,
            (stamp.Parameters ?? new Dictionary<string, string>()).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new PageFact(p.Key, p.Value)).ToList());

    private static string Version(RunManifest manifest) =>
        manifest.ToolVersions.TryGetValue("videoseg", out string? version) ? version : "(unknown version)";

    private static string Existing(string output, string file)
    {
        string path = Path.Combine(output, file);
        return File.Exists(path)
            ? path
            : throw new VideoSegException(ErrorCodes.MissingFile, "expected a figure the report wrote, to show on the study page", path);
    }

    private static string Size(long bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024.0):0.0} MiB"),
    };
}
