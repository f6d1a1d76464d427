using System.Collections.Generic;
using System.Globalization;
using System.IO;
using CsvHelper;
using CsvHelper.Configuration;
using VideoSeg.Core.IO;

namespace VideoSeg.Reports.Tables;

/// <summary>
/// Writes the Table 1 analogue as CSV: invariant culture, fixed column order, fractions with six
/// fixed decimals and '\n' line ends, so the same rows always give the same bytes whatever the
/// machine's culture or operating system.
/// </summary>
public static class Table1CsvWriter
{
    /// <summary>Atomically writes <paramref name="rows"/>, in the order given, to <paramref name="path"/>.</summary>
    public static void Write(string path, IReadOnlyList<Table1Row> rows) =>
        AtomicFile.WriteAllText(path, ToCsv(rows));

    /// <summary>The CSV text for <paramref name="rows"/>, header first.</summary>
    public static string ToCsv(IReadOnlyList<Table1Row> rows)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(text, CreateConfiguration()))
        {
            csv.Context.RegisterClassMap<Table1RowMap>();
            csv.WriteHeader<Table1Row>();
            csv.NextRecord();
            csv.WriteRecords(rows);
        }

        return text.ToString();
    }

    /// <summary>The configuration that both the writer and the reader use.</summary>
    internal static CsvConfiguration CreateConfiguration() =>
        new(CultureInfo.InvariantCulture)
        {
            NewLine = "\n",
            HasHeaderRecord = true,
        };
}
