using System.Collections.Generic;
using VideoSeg.Core.Experiments;
using VideoSeg.Flow.Devices;

namespace VideoSeg.Refine;

/// <summary>What the refine stage reads and where it writes.</summary>
/// <param name="Dataset">The suite root in the DAVIS layout.</param>
/// <param name="Flows">The flows stage's output.</param>
/// <param name="Occlusions">The occlusions stage's visibility masks.</param>
/// <param name="BaseMasks">The base masks stage's output.</param>
/// <param name="MatrixPath">The experiment matrix file (an input root).</param>
/// <param name="Matrix">The experiment matrix loaded from <paramref name="MatrixPath"/>.</param>
/// <param name="Configurations">The configurations to run, by name; empty runs them all.</param>
/// <param name="References"><c>source=folder</c> pairs: the base masks of other sources, for the matrix's reference rows.</param>
/// <param name="Output">Where <c>&lt;config&gt;/masks/&lt;seq&gt;/&lt;stem&gt;.png</c> go.</param>
/// <param name="Device">The device, resolved once by the caller.</param>
/// <param name="Seed">The run's seed, recorded in the stamp (the refinements are deterministic).</param>
public sealed record RefineStageOptions(
    string Dataset,
    string Flows,
    string Occlusions,
    string BaseMasks,
    string MatrixPath,
    ExperimentMatrix Matrix,
    IReadOnlyList<string> Configurations,
    IReadOnlyList<string> References,
    string Output,
    DeviceChoice Device,
    int Seed);
