using System.Text.Encodings.Web;
using System.Text.Json;

namespace VideoSeg.Reports.Provenance;

/// <summary>The JSON settings that the manifest writer and reader share.</summary>
internal static class RunManifestJson
{
    /// <summary>camelCase names; non-ASCII text kept readable rather than escaped.</summary>
    internal static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    /// <summary>Indented with '\n' so that the bytes do not depend on the operating system.</summary>
    internal static JsonWriterOptions WriterOptions { get; } = new()
    {
        Indented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
