using VideoSeg.Core.Experiments;
using VideoSeg.Flow.Devices;

namespace VideoSeg.Flow.Occlusion;

/// <summary>What the occlusions stage reads and where it writes.</summary>
/// <param name="Dataset">The suite root in the DAVIS layout.</param>
/// <param name="Flows">The flows stage's output.</param>
/// <param name="Output">Where <c>Occlusions_gap{g}/&lt;seq&gt;/&lt;stem&gt;.png</c> go.</param>
/// <param name="MatrixPath">The experiment matrix the check's settings come from (an input root).</param>
/// <param name="Occlusion">The matrix's occlusion settings.</param>
/// <param name="Device">The device, resolved once by the caller.</param>
public sealed record OcclusionsStageOptions(string Dataset, string Flows, string Output, string MatrixPath, OcclusionSettings Occlusion, DeviceChoice Device);
