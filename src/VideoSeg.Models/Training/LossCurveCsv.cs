using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using VideoSeg.Core;
using VideoSeg.Core.IO;

namespace VideoSeg.Models.Training;

/// <summary>The loss curve as CSV (<c>iteration,loss,lr</c>, invariant culture, round-trip precision), written atomically.</summary>
public static class LossCurveCsv
{
    /// <summary>The header line.</summary>
    public const string Header = "iteration,loss,lr";

    /// <summary>Writes <paramref name="rows"/> to <paramref name="path"/> by write-then-rename.</summary>
    public static void Write(string path, IReadOnlyList<LossCurveRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var text = new StringBuilder(Header.Length + 1 + (rows.Count * 40));
        text.Append(Header).Append('\n');
        foreach (LossCurveRow row in rows)
        {
            text.Append(row.Iteration.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(row.Loss.ToString("R", CultureInfo.InvariantCulture)).Append(',')
                .Append(row.LearningRate.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }

        AtomicFile.WriteAllText(path, text.ToString());
    }

    /// <summary>Reads a curve written by <see cref="Write"/>; throws <see cref="VideoSegException"/> naming the file on a malformed line.</summary>
    public static IReadOnlyList<LossCurveRow> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new VideoSegException(ErrorCodes.MissingFile, $"loss curve not found: expected '{Header}' CSV at '{path}'", path);
        }

        string[] lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0] != Header)
        {
            throw new VideoSegException(ErrorCodes.BadLayout, $"loss curve '{path}' must start with the header '{Header}'", path);
        }

        var rows = new List<LossCurveRow>(lines.Length - 1);
        for (int i = 1; i < lines.Length; i++)
        {
            string[] fields = lines[i].Split(',');
            if (fields.Length != 3
                || !int.TryParse(fields[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int iteration)
                || !double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double loss)
                || !double.TryParse(fields[2], NumberStyles.Float, CultureInfo.InvariantCulture, out double lr))
            {
                throw new VideoSegException(ErrorCodes.BadLayout, $"loss curve '{path}' line {i + 1} is not 'iteration,loss,lr': '{lines[i]}'", path);
            }

            rows.Add(new LossCurveRow(iteration, loss, lr));
        }

        return rows;
    }
}
