using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using CsvHelper;
using VideoSeg.Core;

namespace VideoSeg.Reports.Tables;

/// <summary>
/// Reads a CSV written by <see cref="Table1CsvWriter"/>, e.g. the committed baseline that the
/// regression gate compares a run against.
/// </summary>
public static class Table1CsvReader
{
    /// <summary>The column names, in the order the writer puts them.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        nameof(Table1Row.Configuration), nameof(Table1Row.Method), nameof(Table1Row.Dataset),
        nameof(Table1Row.FlowSource), nameof(Table1Row.BaseMasks), nameof(Table1Row.Sequences),
        nameof(Table1Row.Frames), nameof(Table1Row.MeanJ), nameof(Table1Row.DeltaJ),
        nameof(Table1Row.MeanF), nameof(Table1Row.DeltaF), nameof(Table1Row.JRecall),
        nameof(Table1Row.JDecay),
    ];

    /// <summary>Reads every row of <paramref name="path"/>.</summary>
    /// <exception cref="VideoSegException">The file is missing, or its header or a value is not what the writer produces.</exception>
    public static IReadOnlyList<Table1Row> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new VideoSegException(ErrorCodes.MissingFile, "Table 1 CSV not found", path);
        }

        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses CSV text; <paramref name="sourceName"/> names it in errors.</summary>
    /// <exception cref="VideoSegException">The header or a value is not what the writer produces.</exception>
    public static IReadOnlyList<Table1Row> Parse(string csvText, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(csvText);
        using var text = new StringReader(csvText);
        using var csv = new CsvReader(text, Table1CsvWriter.CreateConfiguration());
        try
        {
            if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is null || !csv.HeaderRecord.SequenceEqual(Columns, StringComparer.Ordinal))
            {
                throw new VideoSegException(
                    ErrorCodes.InvalidArgument,
                    $"expected a Table 1 CSV header '{string.Join(',', Columns)}', got '{string.Join(',', csv.HeaderRecord ?? [])}'",
                    sourceName);
            }

            csv.Context.RegisterClassMap<Table1RowMap>();
            return csv.GetRecords<Table1Row>().ToList();
        }
        catch (CsvHelperException e)
        {
            int line = e.Context?.Parser?.Row ?? 0;
            throw new VideoSegException(
                ErrorCodes.InvalidArgument,
                $"row {line} is not a valid Table 1 row: {e.InnerException?.Message ?? e.Message.Split('\n')[0]}",
                sourceName,
                e);
        }
    }
}
