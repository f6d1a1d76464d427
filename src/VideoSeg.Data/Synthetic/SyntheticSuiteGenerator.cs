using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using VideoSeg.Core;
using VideoSeg.Core.Formats;
using VideoSeg.Core.IO;
using VideoSeg.Core.Pipeline;
using VideoSeg.Data.Imaging;
using VideoSeg.Data.Sequences;

namespace VideoSeg.Data.Synthetic;

/// <summary>
/// Generates the embedded synthetic suite in the DAVIS layout: PNG frames, 0/255 masks of the main
/// moving object, ground-truth flows (.flo, named by source frame) for gaps ±1 and ±2, visibility
/// masks per gap (255 = the source pixel is visible in the target frame), ImageSets/sequences.txt
/// and suite.json. Scenes cycle through <see cref="SyntheticSceneKind"/>. Everything derives from
/// the options through a fixed PRNG and exact per-pixel geometry, so identical options give
/// byte-identical files; every file is written atomically, and files a previous generation left in
/// this suite's folders are removed, so regenerating into a used folder gives the same tree.
/// </summary>
public static class SyntheticSuiteGenerator
{
    /// <summary>The manifest's file name in the suite root.</summary>
    public const string ManifestFileName = "suite.json";

    /// <summary>The name and format version recorded in suite.json.</summary>
    public const string GeneratorName = "VideoSeg.Synthetic/1";

    private const string RenderingDescription =
        "Exact inverse mapping of every pixel centre through the camera (affine plus quadratic) and each object's affine pose, " +
        "hard edges (no anti-aliasing), bilinear sampling of seeded periodic textures. Masks: pixels whose front-most opaque surface is the main object. " +
        "Flows: the analytic motion of the front-most opaque surface at each source pixel; shadows and reflections are translucent and " +
        "neither move nor occlude. Visibility: 255 where the point lands inside the target frame (0..W-1, 0..H-1) and no opaque layer in front covers it.";

    /// <summary>The gaps of the ground-truth flows and visibility masks.</summary>
    public static IReadOnlyList<int> FlowGaps { get; } = [1, -1, 2, -2];

    /// <summary>The sequence name of index <paramref name="index"/> (kinds cycle; the second pass of the effect kind uses reflections).</summary>
    public static string SequenceName(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var kind = (SyntheticSceneKind)(index % 5);
        string slug = kind switch
        {
            SyntheticSceneKind.RigidAffine => "rigid-affine",
            SyntheticSceneKind.AttachedEffect => (index / 5) % 2 == 0 ? "shadow" : "reflection",
            SyntheticSceneKind.LookAlikes => "look-alikes",
            SyntheticSceneKind.FastOcclusion => "fast-occlusion",
            _ => "stop-and-go",
        };
        return $"synth-{index:D2}-{slug}";
    }

    /// <summary>
    /// Generates the suite under <paramref name="root"/> and returns its manifest. Bad options are
    /// <see cref="ErrorCodes.InvalidArgument"/>; cancellation throws <see cref="OperationCanceledException"/>
    /// and leaves only complete files.
    /// </summary>
    public static SyntheticSuiteManifest Generate(string root, SyntheticSuiteOptions options, IProgress<SyntheticProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var layout = new DatasetLayout(root);
        string manifestPath = Path.Combine(layout.Root, ManifestFileName);
        IReadOnlyList<string> previous = PreviousSequences(manifestPath);

        var sequences = new List<SyntheticSequenceInfo>(options.Sequences);
        for (int index = 0; index < options.Sequences; index++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var kind = (SyntheticSceneKind)(index % 5);
            long seed = (long)(SeededRandom.DeriveSeed((ulong)(long)options.Seed, (ulong)index) >> 12);
            SyntheticScene scene = SceneFactory.Create(SequenceName(index), kind, index / 5, seed, options);
            WriteSequence(layout, scene, cancellationToken);
            sequences.Add(SceneFactory.Describe(scene));
            progress?.Report(new SyntheticProgress(index + 1, options.Sequences, scene.Name, scene.FrameCount));
        }

        var names = new HashSet<string>(sequences.Select(s => s.Name), StringComparer.Ordinal);
        foreach (string stale in previous.Where(p => !names.Contains(p)))
        {
            foreach (string folder in SequenceFolders(layout, stale))
            {
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
        }

        AtomicFile.WriteAllText(layout.SequenceListPath, string.Concat(sequences.Select(s => s.Name + "\n")));
        var manifest = new SyntheticSuiteManifest(GeneratorName, options, FlowGaps.ToArray(), RenderingDescription, sequences);
        manifest.Write(manifestPath);
        return manifest;
    }

    private static void WriteSequence(DatasetLayout layout, SyntheticScene scene, CancellationToken cancellationToken)
    {
        int frames = scene.FrameCount;
        string name = scene.Name;
        var expected = new HashSet<string>(StringComparer.Ordinal);
        for (int t = 0; t < frames; t++)
        {
            string stem = Stem(t);
            expected.Add(FramePath(layout, name, stem));
            expected.Add(layout.AnnotationPath(name, stem));
            foreach (int gap in FlowGaps)
            {
                if (t + gap >= 0 && t + gap < frames)
                {
                    expected.Add(DatasetLayout.FlowPath(layout.GroundTruthFlowsRoot, gap, name, stem));
                    expected.Add(DatasetLayout.OcclusionPath(layout.GroundTruthOcclusionsRoot, gap, name, stem));
                }
            }
        }

        ParallelDecoder.ForEach(
            frames,
            t =>
            {
                string stem = Stem(t);
                FrameRender render = SceneRenderer.Render(scene, t);
                ImageCodec.WriteRgbPng(FramePath(layout, name, stem), render.Image);
                ImageCodec.WriteMaskPng(layout.AnnotationPath(name, stem), render.Mask);
                foreach (int gap in FlowGaps)
                {
                    if (t + gap < 0 || t + gap >= frames)
                    {
                        continue;
                    }

                    var (flow, visible) = SceneRenderer.Flow(scene, render, t, gap);
                    FloFormat.Write(DatasetLayout.FlowPath(layout.GroundTruthFlowsRoot, gap, name, stem), flow);
                    ImageCodec.WriteMaskPng(DatasetLayout.OcclusionPath(layout.GroundTruthOcclusionsRoot, gap, name, stem), visible);
                }
            },
            cancellationToken);

        foreach (string folder in SequenceFolders(layout, name))
        {
            if (!Directory.Exists(folder))
            {
                continue;
            }

            foreach (string file in Directory.GetFiles(folder))
            {
                if (!expected.Contains(Path.GetFullPath(file)))
                {
                    File.Delete(file);
                }
            }
        }
    }

    private static IEnumerable<string> SequenceFolders(DatasetLayout layout, string name)
    {
        yield return Path.Combine(layout.FramesRoot, name);
        yield return Path.Combine(layout.AnnotationsRoot, name);
        foreach (int gap in FlowGaps)
        {
            yield return Path.GetDirectoryName(DatasetLayout.FlowPath(layout.GroundTruthFlowsRoot, gap, name, "x"))!;
            yield return Path.GetDirectoryName(DatasetLayout.OcclusionPath(layout.GroundTruthOcclusionsRoot, gap, name, "x"))!;
        }
    }

    private static List<string> PreviousSequences(string manifestPath)
    {
        if (!File.Exists(manifestPath))
        {
            return [];
        }

        try
        {
            return SyntheticSuiteManifest.Read(manifestPath).Sequences
                .Select(s => s.Name)
                .Where(n => n.StartsWith("synth-", StringComparison.Ordinal) && n.IndexOfAny(['/', '\\']) < 0 && !n.Contains("..", StringComparison.Ordinal))
                .ToList();
        }
        catch (VideoSegException)
        {
            // An unreadable old manifest only means nothing stale can be identified; it is overwritten below.
            return [];
        }
    }

    private static string Stem(int t) => t.ToString("D5");

    private static string FramePath(DatasetLayout layout, string sequence, string stem) => Path.Combine(layout.FramesRoot, sequence, stem + ".png");
}
