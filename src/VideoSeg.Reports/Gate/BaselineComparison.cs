using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace VideoSeg.Reports.Gate;

/// <summary>The result of comparing a run's table (Table 1 or Table 2) with the committed baseline.</summary>
/// <param name="Checks">Every check made, failures included, in baseline row order followed by rows only the run has.</param>
public sealed record BaselineComparison(IReadOnlyList<BaselineCheck> Checks)
{
    /// <summary>True when every check passed.</summary>
    public bool Passed => Checks.All(c => c.Passed);

    /// <summary>The checks that failed.</summary>
    public IReadOnlyList<BaselineCheck> Differences => Checks.Where(c => !c.Passed).ToList();

    /// <summary>
    /// An aligned text table of every check (configuration, dataset, metric, expected, actual,
    /// delta, tolerance, status), J and F shown ×100, followed by a one-line verdict.
    /// </summary>
    public string ToReadableDiff()
    {
        string[] header = ["Configuration", "Dataset", "Metric", "Expected", "Actual", "Delta", "Tolerance", "Status"];
        var table = new List<string[]> { header };
        foreach (BaselineCheck check in Checks)
        {
            bool isScore = check.IsScore;
            bool isRow = check.Metric.StartsWith("row", StringComparison.Ordinal);
            table.Add(
            [
                check.Configuration,
                check.Dataset,
                isScore ? check.Metric + " ×100" : check.Metric,
                isRow ? Presence(check.Expected) : Format(check.Expected, isScore, signed: false),
                isRow ? Presence(check.Actual) : Format(check.Actual, isScore, signed: false),
                isRow ? "—" : Format(check.Delta, isScore, signed: true),
                isScore ? Format(check.Tolerance, isScore, signed: false) : "exact",
                check.Status == BaselineCheckStatus.Ok ? "ok" : "FAIL: " + check.Status,
            ]);
        }

        int[] widths = Enumerable.Range(0, header.Length).Select(i => table.Max(r => r[i].Length)).ToArray();
        bool[] rightAligned = [false, false, false, true, true, true, true, false];
        var text = new StringBuilder();
        for (int r = 0; r < table.Count; r++)
        {
            string line = string.Join(
                "  ",
                table[r].Select((cell, i) => rightAligned[i] && r > 0 ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i])));
            text.Append(line.TrimEnd()).Append('\n');
            if (r == 0)
            {
                text.Append(string.Join("  ", widths.Select(w => new string('-', w)))).Append('\n');
            }
        }

        int failed = Checks.Count(c => !c.Passed);
        text.Append(failed == 0
            ? $"PASSED: all {Checks.Count} checks within tolerance.\n"
            : $"FAILED: {failed} of {Checks.Count} checks differ from the baseline.\n");
        return text.ToString();
    }

    private static string Presence(double? value) => value is null ? "absent" : "present";

    private static string Format(double? value, bool isScore, bool signed)
    {
        if (value is not double v)
        {
            return "—";
        }

        if (!double.IsFinite(v))
        {
            return v.ToString(CultureInfo.InvariantCulture);
        }

        string format = isScore ? "F2" : "0";
        double shown = isScore ? v * 100.0 : v;
        string text = shown.ToString(format, CultureInfo.InvariantCulture);
        return signed && shown > 0 ? "+" + text : text;
    }
}
