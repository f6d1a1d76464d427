using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace VideoSeg.Reports.Tables;

/// <summary>Writes <c>per-sequence.csv</c>: one row per evaluated output and sequence, fractions with six decimals.</summary>
public static class PerSequenceCsvWriter
{
    /// <summary>The columns, in order.</summary>
    public static IReadOnlyList<string> Header { get; } =
        ["configuration", "sequence", "counted_frames", "j_mean", "j_recall", "j_decay", "f_mean", "f_recall", "f_decay"];

    /// <summary>Atomically writes <paramref name="rows"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, IReadOnlyList<PerSequenceRow> rows) =>
        CsvTableWriter.Write(path, Header, rows.Select(Fields));

    /// <summary>A row's fields as the CSV writes them, in <see cref="Header"/>'s order; the study page shows the same strings.</summary>
    public static IReadOnlyList<string> Fields(PerSequenceRow row) =>
    [
        row.Configuration, row.Sequence, row.CountedFrames.ToString(CultureInfo.InvariantCulture),
        Fraction(row.JMean), Fraction(row.JRecall), Fraction(row.JDecay),
        Fraction(row.FMean), Fraction(row.FRecall), Fraction(row.FDecay),
    ];

    private static string Fraction(double value) => value.ToString("F6", CultureInfo.InvariantCulture);
}
