using System.Collections.Generic;
using VideoSeg.Reports.Tables;

namespace VideoSeg.Reports.Tests;

/// <summary>Table 1 rows shared by several tests.</summary>
internal static class SampleRows
{
    public static Table1Row Row(string configuration, string dataset, double meanJ, double meanF = 0.7, int frames = 40) =>
        new(configuration, $"method of {configuration}", dataset, "RAFT things", "GWM released", 1, frames, meanJ, meanJ - 0.795, meanF, meanF - 0.7, 0.9, 0.01);

    public static IReadOnlyList<Table1Row> Table() =>
    [
        new("base", "GWM (base)", "DAVIS 2016", "none", "GWM released", 20, 1376, 0.795, 0.0, 0.781234, 0.0, 0.93, 0.021),
        new("initial", "Initial refinement", "DAVIS 2016", "RAFT things", "GWM released", 20, 1376, 0.723, -0.072, 0.70125, -0.080, 0.85, -0.0126),
        new("weighted-1", "Weighted average ±1", "DAVIS 2016", "RAFT things", "GWM released", 20, 1376, 0.7899999, -0.0050001, 0.77, -0.011234, 0.92, 0.03),
        new("base", "GWM (base)", "synthetic, \"quoted\"", "ground truth", "perturbed truth", 6, 120, 0.5, 0.0, 0.45, 0.0, 0.5, 0.0),
    ];
}
