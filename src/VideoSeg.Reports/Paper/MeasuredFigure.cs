using System;
using VideoSeg.Reports.Tables;

namespace VideoSeg.Reports.Paper;

/// <summary>One of our numbers, placed next to the paper figure it is the counterpart of.</summary>
/// <param name="Artifact">The paper artifact of the counterpart, e.g. "Table 2".</param>
/// <param name="Row">The counterpart's row, e.g. "GWM (2 masks)".</param>
/// <param name="Dataset">The counterpart's dataset as the paper names it; with Artifact and Row it is the matching key.</param>
/// <param name="Value">Mean IoU (J) in points, i.e. ×100, like the paper's numbers.</param>
/// <param name="MeasuredOn">What it was actually measured on, e.g. "DAVIS 2016 val, car-shadow only" or "synthetic suite v1, 6 sequences".</param>
/// <param name="Kind">Real data or the synthetic suite.</param>
public sealed record MeasuredFigure(
    string Artifact,
    string Row,
    string Dataset,
    double Value,
    string MeasuredOn,
    MeasurementKind Kind)
{
    /// <summary>The counterpart of a paper figure from one of our Table 1 rows (its MeanJ, ×100).</summary>
    public static MeasuredFigure FromTable1Row(PaperFigure counterpart, Table1Row row, MeasurementKind kind)
    {
        ArgumentNullException.ThrowIfNull(counterpart);
        ArgumentNullException.ThrowIfNull(row);
        return new MeasuredFigure(
            counterpart.Artifact,
            counterpart.Row,
            counterpart.Dataset,
            row.MeanJ * 100.0,
            $"{row.Dataset} ({row.Sequences} sequences, {row.Frames} frames; configuration {row.Configuration})",
            kind);
    }
}
