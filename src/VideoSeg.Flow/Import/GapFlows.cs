using System.Collections.Generic;
using VideoSeg.Core.Imaging;

namespace VideoSeg.Flow.Import;

/// <summary>
/// The flows of one sequence for one frame gap, named by their SOURCE frame as in
/// <see cref="Core.Pipeline.DatasetLayout.FlowPath"/>: <c>Flows[i]</c> runs from frame <c>SourceStems[i]</c> to the
/// frame <see cref="Gap"/> positions later (earlier when negative).
/// </summary>
/// <param name="Gap">The frame offset, e.g. 1 (t → t+1) or −1 (t → t−1).</param>
/// <param name="SourceStems">The source frame of each flow, in frame order.</param>
/// <param name="Flows">One flow per source frame, in pixels of the target resolution.</param>
public sealed record GapFlows(int Gap, IReadOnlyList<string> SourceStems, IReadOnlyList<FlowField> Flows);
