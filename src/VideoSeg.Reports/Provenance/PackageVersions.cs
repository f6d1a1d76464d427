using System;
using System.Collections.Generic;
using System.Reflection;

namespace VideoSeg.Reports.Provenance;

/// <summary>The versions of the packages the report writers use, for the manifest's tool list.</summary>
public static class PackageVersions
{
    /// <summary>CsvHelper, ScottPlot and SkiaSharp versions, as their assemblies report them.</summary>
    public static IReadOnlyDictionary<string, string> OfReports() =>
        new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["CsvHelper"] = Of(typeof(CsvHelper.CsvWriter).Assembly),
            ["ScottPlot"] = Of(typeof(ScottPlot.Plot).Assembly),
            ["SkiaSharp"] = Of(typeof(SkiaSharp.SKBitmap).Assembly),
        };

    /// <summary>
    /// An assembly's informational version without the source-link commit suffix
    /// ("1.2.3+abcdef" → "1.2.3"), falling back to its assembly version.
    /// </summary>
    public static string Of(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        string? informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (!string.IsNullOrEmpty(informational))
        {
            int plus = informational.IndexOf('+', StringComparison.Ordinal);
            return plus < 0 ? informational : informational[..plus];
        }

        return assembly.GetName().Version?.ToString() ?? "unknown";
    }
}
