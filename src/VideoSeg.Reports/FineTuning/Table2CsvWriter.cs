using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using VideoSeg.Reports.Tables;

namespace VideoSeg.Reports.FineTuning;

/// <summary>Writes the Table 2 analogue as CSV: CsvHelper, invariant culture, fixed columns, J as fractions with six decimals.</summary>
public static class Table2CsvWriter
{
    /// <summary>The columns, in order.</summary>
    public static readonly string[] Header =
    [
        "Dataset", "Configuration", "Label", "Sequence", "Frames", "BaselineJ", "Report", "ReportIteration", "ReportJ",
        "OracleBestIteration", "OracleBestJ", "StoppingIteration", "StoppingReason", "StoppingJ", "FinalIteration", "FinalJ",
        "BaselineCornerJ", "StoppingCornerJ", "PaperBaselineJ", "PaperJ",
    ];

    /// <summary>Atomically writes <paramref name="rows"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, IReadOnlyList<Table2Row> rows) =>
        CsvTableWriter.Write(path, Header, rows.Select(Fields));

    /// <summary>A row's fields as the CSV writes them, in <see cref="Header"/>'s order; the study page shows the same strings.</summary>
    public static IReadOnlyList<string> Fields(Table2Row r) =>
    [
        r.Dataset, r.Configuration, r.Label, r.Sequence, Integer(r.Frames), Fraction(r.BaselineJ), r.Report, Integer(r.ReportIteration), Fraction(r.ReportJ),
        Integer(r.OracleBestIteration), Fraction(r.OracleBestJ), Integer(r.StoppingIteration), r.StoppingReason, Fraction(r.StoppingJ), Integer(r.FinalIteration), Fraction(r.FinalJ),
        Fraction(r.BaselineCornerJ), Fraction(r.StoppingCornerJ), Points(r.PaperBaselineJ), Points(r.PaperJ),
    ];

    private static string Fraction(double value) => value.ToString("F6", CultureInfo.InvariantCulture);

    private static string Integer(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

    private static string Points(double? value) => value?.ToString("F1", CultureInfo.InvariantCulture) ?? string.Empty;
}
