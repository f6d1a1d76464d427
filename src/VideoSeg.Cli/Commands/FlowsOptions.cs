using System.Collections.Generic;

namespace VideoSeg.Cli.Commands;

/// <summary>The inputs of <c>videoseg flows</c>.</summary>
/// <param name="Dataset">The suite root (DAVIS layout).</param>
/// <param name="Output">The flows root: <c>Flows_gap{g}/&lt;seq&gt;/&lt;stem&gt;.flo</c>, MotionGrouping's layout.</param>
/// <param name="Estimator">tvl1, tvl1-fast, groundtruth, import-flo or import-npy.</param>
/// <param name="Source">The folder imported from, for import-flo and import-npy.</param>
/// <param name="Device">auto, cpu or cuda.</param>
/// <param name="Width">The working width, in pixels.</param>
/// <param name="Height">The working height, in pixels.</param>
/// <param name="Gaps">The gaps computed, e.g. 1, −1, 2, −2.</param>
/// <param name="KeepImportedDisplacements">Imports only: keep displacements as stored when resizing (the paper's code) rather than rescaling them.</param>
/// <param name="Force">Run even when up to date.</param>
public sealed record FlowsOptions(
    string Dataset,
    string Output,
    string Estimator,
    string? Source,
    string Device,
    int Width,
    int Height,
    IReadOnlyList<int> Gaps,
    bool KeepImportedDisplacements,
    bool Force);
