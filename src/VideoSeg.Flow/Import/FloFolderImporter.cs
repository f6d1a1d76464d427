using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using VideoSeg.Core;
using VideoSeg.Core.Formats;
using VideoSeg.Core.Imaging;
using VideoSeg.Core.Pipeline;

namespace VideoSeg.Flow.Import;

/// <summary>
/// Imports Middlebury .flo flows stored in MotionGrouping's layout, which GWM reads:
/// <c>&lt;root&gt;/Flows_gap{g}/&lt;seq&gt;/&lt;stem&gt;.flo</c> holds the flow from frame <c>stem</c> to the frame g positions
/// later (earlier for negative g), as <see cref="DatasetLayout.FlowPath"/> names it. Unlike SSL-VOS, a reverse flow
/// bears its own source frame's name: <c>Flows_gap-1/s/00003.flo</c> is 3 → 2.
/// </summary>
public sealed class FloFolderImporter
{
    private static readonly int[] s_defaultGaps = [1, -1];

    private readonly FlowImportOptions _options;

    /// <summary>Creates an importer for the <c>Flows_gap*</c> folders under <paramref name="flowsRoot"/>.</summary>
    public FloFolderImporter(string flowsRoot, FlowImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(flowsRoot);
        ArgumentNullException.ThrowIfNull(options);
        SizeLimits.CheckWorkingSize(options.TargetWidth, options.TargetHeight, "flow import target width", "flow import target height");
        FlowsRoot = flowsRoot;
        _options = options;
    }

    /// <summary>The folder holding <c>Flows_gap{g}</c> folders.</summary>
    public string FlowsRoot { get; }

    /// <summary>
    /// Receives a <see cref="ErrorCodes.FlowResized"/> warning for each sequence and gap whose flows were not at the
    /// working size: one per folder, naming the first such file and how many were resized. Null ignores them.
    /// </summary>
    public Action<VideoSegWarning>? Warning { get; init; }

    /// <summary>
    /// Reads the flows of <paramref name="sequence"/> (frames <paramref name="frameStems"/>, in order) for each gap of
    /// <paramref name="gaps"/> (default +1 then −1). For gap g the sources are the frames t with t + g inside the sequence.
    /// </summary>
    /// <exception cref="VideoSegException">
    /// <see cref="ErrorCodes.BadLayout"/> when a <c>Flows_gap{g}</c> folder or its sequence folder is missing,
    /// <see cref="ErrorCodes.MissingFile"/> naming a missing flow, <see cref="ErrorCodes.CorruptFlow"/> for a bad .flo file.
    /// </exception>
    public IReadOnlyList<GapFlows> ImportSequence(string sequence, IReadOnlyList<string> frameStems, CancellationToken cancellationToken, IReadOnlyList<int>? gaps = null)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        ArgumentNullException.ThrowIfNull(frameStems);
        var result = new List<GapFlows>();
        foreach (int gap in gaps ?? s_defaultGaps)
        {
            if (gap == 0)
            {
                throw new VideoSegException(ErrorCodes.InvalidArgument, "flow gap 0 is not valid; expected a non-zero frame offset such as 1 or -1");
            }

            string folder = Path.Combine(FlowsRoot, DatasetLayout.FlowFolderName(gap), sequence);
            if (!Directory.Exists(folder))
            {
                throw new VideoSegException(ErrorCodes.BadLayout, $"flows of sequence '{sequence}' for gap {gap} not found: expected the folder '{folder}' (MotionGrouping layout Flows_gap{{g}}/<seq>/<stem>.flo)", folder);
            }

            List<int> sources = Enumerable.Range(0, frameStems.Count).Where(t => t + gap >= 0 && t + gap < frameStems.Count).ToList();
            var stems = new string[sources.Count];
            var flows = new FlowField[sources.Count];
            var tally = new FlowResizeTally(_options);
            for (int i = 0; i < sources.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                string source = frameStems[sources[i]];
                string path = DatasetLayout.FlowPath(FlowsRoot, gap, sequence, source);
                if (!File.Exists(path))
                {
                    throw new VideoSegException(ErrorCodes.MissingFile, $"flow {source} → {frameStems[sources[i] + gap]} (gap {gap}) of sequence '{sequence}' not found: expected the .flo file '{path}'", path);
                }

                stems[i] = source;
                FlowField stored = FloFormat.Read(path);
                tally.Add(path, stored);
                flows[i] = FlowResampling.Resize(stored, _options.TargetWidth, _options.TargetHeight, _options.Rescaling);
            }

            if (tally.ToWarning(sequence, gap) is VideoSegWarning warning)
            {
                Warning?.Invoke(warning);
            }

            result.Add(new GapFlows(gap, stems, flows));
        }

        return result;
    }
}
