using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;

namespace VideoSeg.Reports.Plots;

/// <summary>
/// Skia's SVG canvas numbers clip paths and other resources in hexadecimal (<c>cl_4</c>, <c>cl_1a</c>, …) from a
/// counter that keeps running across renders in one process, so the same figure drawn twice
/// differs in those numbers alone. Renumbering them in order of appearance makes the SVG a
/// function of the figure only.
/// </summary>
internal static partial class SvgIdentifiers
{
    /// <summary>Renumbers every <c>prefix_N</c> identifier that the SVG declares, and every reference to it, from 1.</summary>
    internal static string Normalize(string svg)
    {
        ArgumentNullException.ThrowIfNull(svg);
        var renamed = new Dictionary<string, string>(StringComparer.Ordinal);
        var perPrefix = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (Match declaration in Declaration().Matches(svg))
        {
            string id = declaration.Groups["id"].Value;
            string prefix = declaration.Groups["prefix"].Value;
            if (!renamed.ContainsKey(id))
            {
                int next = perPrefix.GetValueOrDefault(prefix) + 1;
                perPrefix[prefix] = next;
                renamed[id] = prefix + "_" + next.ToString(CultureInfo.InvariantCulture);
            }
        }

        if (renamed.Count == 0)
        {
            return svg;
        }

        // One pass over declarations and references, so a new name never gets renamed again.
        return Usage().Replace(svg, m =>
            renamed.TryGetValue(m.Groups["id"].Value, out string? name)
                ? m.Groups["lead"].Value + name
                : m.Value);
    }

    [GeneratedRegex(@"id=""(?<id>(?<prefix>[A-Za-z]+)_[0-9A-Fa-f]+)""", RegexOptions.CultureInvariant)]
    private static partial Regex Declaration();

    [GeneratedRegex(@"(?<lead>id=""|#)(?<id>[A-Za-z]+_[0-9A-Fa-f]+)(?!\w)", RegexOptions.CultureInvariant)]
    private static partial Regex Usage();
}
