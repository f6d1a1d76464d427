using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using VideoSeg.Core.IO;

namespace VideoSeg.Reports.Provenance;

/// <summary>
/// Writes a <see cref="RunManifest"/> as indented JSON with every object's keys sorted ordinally,
/// so that equal manifests are equal bytes and diffs between runs stay small.
/// </summary>
public static class RunManifestWriter
{
    /// <summary>The manifest's file name in a report folder.</summary>
    public const string FileName = "manifest.json";

    /// <summary>Atomically writes <paramref name="manifest"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, RunManifest manifest) =>
        AtomicFile.WriteAllText(path, ToJson(manifest));

    /// <summary>The manifest's JSON text, ending with a newline.</summary>
    public static string ToJson(RunManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        RunManifest utc = manifest with
        {
            StartedUtc = manifest.StartedUtc.ToUniversalTime(),
            FinishedUtc = manifest.FinishedUtc.ToUniversalTime(),
        };
        JsonElement element = JsonSerializer.SerializeToElement(utc, RunManifestJson.Options);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, RunManifestJson.WriterOptions))
        {
            WriteSorted(writer, element);
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void WriteSorted(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (JsonProperty property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    WriteSorted(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (JsonElement item in element.EnumerateArray())
                {
                    WriteSorted(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
