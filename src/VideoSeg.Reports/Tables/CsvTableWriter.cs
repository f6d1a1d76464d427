using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using CsvHelper;
using VideoSeg.Core.IO;

namespace VideoSeg.Reports.Tables;

/// <summary>
/// Writes a plain table (a header and rows of already-formatted fields) as CSV with the same
/// configuration as Table 1: CsvHelper, invariant culture, RFC 4180 quoting, '\n' line ends, atomic.
/// For the smaller artifacts (the Figure 7 data, per-sequence scores, benchmarks) that need no record type.
/// </summary>
public static class CsvTableWriter
{
    /// <summary>Atomically writes <paramref name="header"/> and <paramref name="rows"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(text, Table1CsvWriter.CreateConfiguration()))
        {
            foreach (string field in header)
            {
                csv.WriteField(field);
            }

            csv.NextRecord();
            foreach (IReadOnlyList<string> row in rows)
            {
                if (row.Count != header.Count)
                {
                    throw new ArgumentException($"a row has {row.Count} fields for a header of {header.Count}", nameof(rows));
                }

                foreach (string field in row)
                {
                    csv.WriteField(field);
                }

                csv.NextRecord();
            }
        }

        AtomicFile.WriteAllText(path, text.ToString());
    }
}
