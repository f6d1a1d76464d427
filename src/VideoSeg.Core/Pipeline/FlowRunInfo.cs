using System.IO;
using System.Text.Json;

namespace VideoSeg.Core.Pipeline;

/// <summary>What the flows stage recorded in its <c>flows.json</c>: estimator, device, libtorch version and resolution.</summary>
/// <param name="Estimator">The flow estimator or import.</param>
/// <param name="Device">The device the flows were computed on.</param>
/// <param name="LibTorch">The libtorch version that computed them.</param>
/// <param name="Resolution">The working resolution, W×H.</param>
public sealed record FlowRunInfo(string Estimator, string Device, string LibTorch, string Resolution)
{
    /// <summary>Reads <c>flows.json</c> from <paramref name="flowsRoot"/>; unknown fields read as "unknown".</summary>
    public static FlowRunInfo Read(string flowsRoot)
    {
        string path = Path.Combine(flowsRoot, "flows.json");
        if (!File.Exists(path))
        {
            return new FlowRunInfo("unknown", "unknown", "unknown", "unknown");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (JsonException ex)
        {
            throw new VideoSegException(ErrorCodes.BadLayout, $"not valid JSON ({ex.Message}); expected the flows stage's record, so rerun 'videoseg flows --force'", path, ex);
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new VideoSegException(ErrorCodes.BadLayout, $"$: expected a JSON object (the flows stage's record), got {root.ValueKind}; rerun 'videoseg flows --force'", path);
            }

            string Get(string key) => root.TryGetProperty(key, out JsonElement value) ? value.ToString() : "unknown";
            return new FlowRunInfo(Get("estimator"), Get("device"), Get("libtorch"), $"{Get("width")}x{Get("height")}");
        }
    }
}
