using System;
using System.Collections.Generic;
using System.IO;
using VideoSeg.Core;
using VideoSeg.Core.Formats;
using VideoSeg.Core.Imaging;
using VideoSeg.Core.Pipeline;

namespace VideoSeg.Flow.Storage;

/// <summary>Reads one sequence's cached flows (MotionGrouping layout) for the stages after <c>flows</c>.</summary>
public static class SequenceFlowStore
{
    /// <summary>
    /// For each gap, a list of N entries where entry t is the flow t → t + g, null exactly where t + g is
    /// outside the sequence. A missing file where a flow must exist is a VSEG2001 error naming it.
    /// </summary>
    public static Dictionary<int, IReadOnlyList<FlowField?>> Read(string flowsRoot, string sequence, IReadOnlyList<string> stems, IReadOnlyList<int> gaps)
    {
        ArgumentNullException.ThrowIfNull(stems);
        ArgumentNullException.ThrowIfNull(gaps);
        var result = new Dictionary<int, IReadOnlyList<FlowField?>>();
        foreach (int gap in gaps)
        {
            var flows = new FlowField?[stems.Count];
            for (int t = 0; t < stems.Count; t++)
            {
                if (t + gap < 0 || t + gap >= stems.Count)
                {
                    continue;
                }

                string path = DatasetLayout.FlowPath(flowsRoot, gap, sequence, stems[t]);
                if (!File.Exists(path))
                {
                    throw new VideoSegException(ErrorCodes.MissingFile, $"flow not found: expected '{path}' (frame {stems[t]} → frame {stems[t + gap]}); rerun 'videoseg flows'", path);
                }

                flows[t] = FloFormat.Read(path);
            }

            result[gap] = flows;
        }

        return result;
    }
}
