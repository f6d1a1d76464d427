using System;
using System.Globalization;

namespace VideoSeg.Reports.Tables;

/// <summary>Formatting shared by the Markdown writers.</summary>
internal static class MarkdownText
{
    /// <summary>What a table shows where there is no value.</summary>
    internal const string Missing = "—";

    /// <summary>A fraction in [0, 1] as points ×100 with one decimal.</summary>
    internal static string Points(double fraction) =>
        double.IsFinite(fraction) ? (fraction * 100.0).ToString("F1", CultureInfo.InvariantCulture) : "n/a";

    /// <summary>A difference of fractions as signed points ×100 with one decimal ("+1.2", "-0.4", "0.0").</summary>
    internal static string SignedPoints(double fraction)
    {
        if (!double.IsFinite(fraction))
        {
            return "n/a";
        }

        string text = Math.Abs(fraction * 100.0).ToString("F1", CultureInfo.InvariantCulture);
        if (text == "0.0")
        {
            return text;
        }

        return fraction > 0 ? "+" + text : "-" + text;
    }

    /// <summary>Text safe inside a Markdown table cell: pipes escaped, line breaks flattened.</summary>
    internal static string Cell(string? text) =>
        string.IsNullOrEmpty(text)
            ? Missing
            : text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    /// <summary>One Markdown table row from its cells.</summary>
    internal static string Row(params string[] cells) => "| " + string.Join(" | ", cells) + " |\n";

    /// <summary>The separator row under a header: numeric columns right-aligned, text columns left-aligned.</summary>
    internal static string Separator(params bool[] numeric)
    {
        var cells = new string[numeric.Length];
        for (int i = 0; i < numeric.Length; i++)
        {
            cells[i] = numeric[i] ? "---:" : ":---";
        }

        return Row(cells);
    }
}
