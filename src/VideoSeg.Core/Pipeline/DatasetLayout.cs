using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace VideoSeg.Core.Pipeline;

/// <summary>
/// The DAVIS layout that every suite is stored in, generated or downloaded:
/// <c>JPEGImages/480p/&lt;seq&gt;/00000.jpg|png</c>, <c>Annotations/480p/&lt;seq&gt;/00000.png</c> (0/255),
/// and <c>ImageSets/sequences.txt</c> listing the sequences to use, one per line.
/// The resolution folder keeps DAVIS's name "480p" whatever the frames' size, so that
/// tools written for DAVIS read every suite unchanged.
/// </summary>
public sealed class DatasetLayout
{
    private static readonly string[] s_frameExtensions = [".jpg", ".png", ".jpeg", ".bmp"];

    /// <summary>Creates a layout rooted at <paramref name="root"/>.</summary>
    public DatasetLayout(string root, string resolution = "480p")
    {
        Root = Path.GetFullPath(root);
        Resolution = resolution;
    }

    /// <summary>The suite's root folder.</summary>
    public string Root { get; }

    /// <summary>The resolution folder name.</summary>
    public string Resolution { get; }

    /// <summary>The folder of frames for all sequences.</summary>
    public string FramesRoot => Path.Combine(Root, "JPEGImages", Resolution);

    /// <summary>The folder of ground-truth masks for all sequences.</summary>
    public string AnnotationsRoot => Path.Combine(Root, "Annotations", Resolution);

    /// <summary>The sequence list.</summary>
    public string SequenceListPath => Path.Combine(Root, "ImageSets", "sequences.txt");

    /// <summary>Ground-truth flows, when the suite has them (the synthetic suite does), in MotionGrouping's layout.</summary>
    public string GroundTruthFlowsRoot => Path.Combine(Root, "GroundTruth", "Flows");

    /// <summary>Ground-truth visibility masks (255 = visible in the other frame), one folder per gap.</summary>
    public string GroundTruthOcclusionsRoot => Path.Combine(Root, "GroundTruth", "Occlusions");

    /// <summary>
    /// The sequences in list order, or every frame folder sorted ordinally when there is no list.
    /// Every name is checked here, where it is read, to be one plain folder name
    /// (<see cref="PlainName"/>), since every stage joins it onto its roots; a name listed twice is
    /// an error too. Both are <see cref="ErrorCodes.BadName"/> errors naming the list file and line.
    /// </summary>
    public IReadOnlyList<string> ReadSequences()
    {
        if (File.Exists(SequenceListPath))
        {
            string[] lines = File.ReadAllLines(SequenceListPath);
            var names = new List<string>(lines.Length);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < lines.Length; i++)
            {
                // Surrounding white space (a CRLF file's '\r', a trailing blank) is not part of a name.
                string name = lines[i].Trim();
                if (name.Length == 0 || name.StartsWith('#'))
                {
                    continue;
                }

                PlainName.Check(name, "sequence name", SequenceListPath, i + 1);
                if (!seen.Add(name))
                {
                    throw new VideoSegException(ErrorCodes.BadName, $"line {i + 1}: the sequence '{name}' is listed twice; expected each sequence once", SequenceListPath);
                }

                names.Add(name);
            }

            return names;
        }

        if (!Directory.Exists(FramesRoot))
        {
            throw new VideoSegException(ErrorCodes.BadLayout, $"'{Root}' is not a dataset: expected frames under '{FramesRoot}' (the DAVIS layout)", Root);
        }

        return Directory.GetDirectories(FramesRoot)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Select(name => PlainName.Check(name, "sequence folder name", FramesRoot))
            .OrderBy(s => s, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The frame files of <paramref name="sequence"/>, sorted by name.</summary>
    public IReadOnlyList<string> FramePaths(string sequence)
    {
        string dir = Path.Combine(FramesRoot, sequence);
        if (!Directory.Exists(dir))
        {
            throw new VideoSegException(ErrorCodes.MissingFile, $"frames of sequence '{sequence}' not found: expected the folder '{dir}'", dir);
        }

        return Directory.GetFiles(dir)
            .Where(f => s_frameExtensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
            .OrderBy(f => Path.GetFileName(f), StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The ground-truth mask for frame <paramref name="stem"/> (e.g. "00000") of <paramref name="sequence"/>.</summary>
    public string AnnotationPath(string sequence, string stem) => Path.Combine(AnnotationsRoot, sequence, stem + ".png");

    /// <summary>MotionGrouping's folder name for a gap: <c>Flows_gap1</c>, <c>Flows_gap-1</c>, ...</summary>
    public static string FlowFolderName(int gap) => $"Flows_gap{gap}";

    /// <summary>The path of the flow from frame <paramref name="stem"/> to the frame <paramref name="gap"/> later (negative: earlier).</summary>
    public static string FlowPath(string flowsRoot, int gap, string sequence, string stem) =>
        Path.Combine(flowsRoot, FlowFolderName(gap), sequence, stem + ".flo");

    /// <summary>The path of a visibility mask for the flow <see cref="FlowPath"/> names.</summary>
    public static string OcclusionPath(string occlusionsRoot, int gap, string sequence, string stem) =>
        Path.Combine(occlusionsRoot, $"Occlusions_gap{gap}", sequence, stem + ".png");
}
