using System.Collections.Generic;
using VideoSeg.Flow.Devices;

namespace VideoSeg.Flow.Estimation;

/// <summary>What the flows stage reads, how it gets its flows and where it writes.</summary>
/// <param name="Dataset">The suite root (DAVIS layout).</param>
/// <param name="Output">The flows root: <c>Flows_gap{g}/&lt;seq&gt;/&lt;stem&gt;.flo</c>, MotionGrouping's layout.</param>
/// <param name="Estimator">How the flows are computed or imported.</param>
/// <param name="Source">The folder imported from, for <see cref="FlowEstimatorKind.ImportFlo"/> and <see cref="FlowEstimatorKind.ImportNpy"/>.</param>
/// <param name="Device">The device, resolved once by the caller (used by TV-L1 and RAFT; imports record none).</param>
/// <param name="Width">The working width, in pixels.</param>
/// <param name="Height">The working height, in pixels.</param>
/// <param name="Gaps">The gaps computed, e.g. 1, −1, 2, −2.</param>
/// <param name="KeepImportedDisplacements">Imports only: keep displacements as stored when resizing (the paper's code) rather than rescaling them.</param>
/// <param name="EstimatorFactory">
/// For <see cref="FlowEstimatorKind.Raft"/> and <see cref="FlowEstimatorKind.RaftSmall"/>: builds the estimator (the CLI
/// passes RAFT from VideoSeg.Models with its weights); null for every other kind.
/// </param>
public sealed record FlowsStageOptions(
    string Dataset,
    string Output,
    FlowEstimatorKind Estimator,
    string? Source,
    DeviceChoice Device,
    int Width,
    int Height,
    IReadOnlyList<int> Gaps,
    bool KeepImportedDisplacements,
    IFlowEstimatorFactory? EstimatorFactory = null);
