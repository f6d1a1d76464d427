using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using CsvHelper;
using CsvHelper.Configuration;
using VideoSeg.Core;

namespace VideoSeg.Reports.FineTuning;

/// <summary>
/// Reads a CSV written by <see cref="Table2CsvWriter"/>, e.g. the committed baseline that the regression gate
/// compares a run's Table 2 against.
/// </summary>
public static class Table2CsvReader
{
    /// <summary>Reads every row of <paramref name="path"/>.</summary>
    /// <exception cref="VideoSegException">The file is missing, or its header or a value is not what the writer produces.</exception>
    public static IReadOnlyList<Table2Row> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new VideoSegException(ErrorCodes.MissingFile, "Table 2 CSV not found: expected the report stage's table2.csv", path);
        }

        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses CSV text; <paramref name="sourceName"/> names it in errors.</summary>
    /// <exception cref="VideoSegException">The header or a value is not what the writer produces.</exception>
    public static IReadOnlyList<Table2Row> Parse(string csvText, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(csvText);
        using var text = new StringReader(csvText);
        using var csv = new CsvReader(text, new CsvConfiguration(CultureInfo.InvariantCulture) { HasHeaderRecord = true });
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is null || !csv.HeaderRecord.SequenceEqual(Table2CsvWriter.Header, StringComparer.Ordinal))
        {
            throw new VideoSegException(
                ErrorCodes.InvalidArgument,
                $"expected a Table 2 CSV header '{string.Join(',', Table2CsvWriter.Header)}', got '{string.Join(',', csv.HeaderRecord ?? [])}'",
                sourceName);
        }

        var rows = new List<Table2Row>();
        while (csv.Read())
        {
            int line = csv.Parser.Row;
            string Field(string name) => csv.GetField(name) ?? string.Empty;
            double Fraction(string name) => double.TryParse(Field(name), NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
                ? value
                : throw Invalid(sourceName, line, name, "a number");
            int? Integer(string name) => Field(name).Length == 0
                ? null
                : int.TryParse(Field(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value : throw Invalid(sourceName, line, name, "an integer or empty");
            double? Points(string name) => Field(name).Length == 0 ? null : Fraction(name);

            rows.Add(new Table2Row(
                Field("Dataset"),
                Field("Configuration"),
                Field("Label"),
                Field("Sequence"),
                Integer("Frames") ?? throw Invalid(sourceName, line, "Frames", "an integer"),
                Fraction("BaselineJ"),
                Field("Report"),
                Integer("ReportIteration"),
                Fraction("ReportJ"),
                Integer("OracleBestIteration"),
                Fraction("OracleBestJ"),
                Integer("StoppingIteration"),
                Field("StoppingReason"),
                Fraction("StoppingJ"),
                Integer("FinalIteration"),
                Fraction("FinalJ"),
                Fraction("BaselineCornerJ"),
                Fraction("StoppingCornerJ"),
                Points("PaperBaselineJ"),
                Points("PaperJ")));
        }

        return rows;
    }

    private static VideoSegException Invalid(string sourceName, int line, string column, string expected) =>
        new(ErrorCodes.InvalidArgument, $"row {line} is not a valid Table 2 row: column {column} must be {expected}", sourceName);
}
