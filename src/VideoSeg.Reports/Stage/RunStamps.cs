using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using VideoSeg.Core;
using VideoSeg.Core.Pipeline;

namespace VideoSeg.Reports.Stage;

/// <summary>The stage stamps of a run, as the manifest records them.</summary>
public static class RunStamps
{
    /// <summary>
    /// The dataset's stamp (when there is one) and every stamp under <paramref name="resultsRoot"/> but the
    /// report's own, sorted by path; a file that is not a stamp is one <see cref="ErrorCodes.BadLayout"/> error.
    /// </summary>
    public static List<StageStamp> Read(string datasetRoot, string resultsRoot)
    {
        ArgumentNullException.ThrowIfNull(datasetRoot);
        var files = new List<string>();
        string datasetStamp = datasetRoot.TrimEnd('/') + ".stamp.json";
        if (File.Exists(datasetStamp))
        {
            files.Add(datasetStamp);
        }

        files.AddRange(Directory.EnumerateFiles(resultsRoot, "*.stamp.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
        var stamps = new List<StageStamp>();
        foreach (string file in files)
        {
            StageStamp? stamp;
            try
            {
                stamp = JsonSerializer.Deserialize<StageStamp>(File.ReadAllText(file));
            }
            catch (JsonException ex)
            {
                throw new VideoSegException(ErrorCodes.BadLayout, $"not a stage stamp ({ex.Message}); the manifest records every stamp, so rerun that stage with --force or remove the file", file, ex);
            }

            if (stamp is not null && stamp.Stage != ReportStage.Name)
            {
                stamps.Add(stamp);
            }
        }

        return stamps;
    }

    /// <summary>
    /// The devices the stamps record, as they record them (<c>requested -&gt; resolved</c>): the distinct
    /// values in stamp order, joined by "; "; "unknown" when no stamp names one.
    /// </summary>
    public static string Devices(IEnumerable<StageStamp> stamps)
    {
        ArgumentNullException.ThrowIfNull(stamps);
        string[] devices = stamps
            .Select(s => s.Parameters is not null && s.Parameters.TryGetValue("device", out string? device) ? device : null)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        return devices.Length == 0 ? "unknown" : string.Join("; ", devices);
    }
}
