using System.Collections.Generic;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using VideoSeg.Core;
using VideoSeg.Core.IO;

namespace VideoSeg.Data.Synthetic;

/// <summary>suite.json: what was generated, with which options, and what each sequence shows.</summary>
/// <param name="Generator">The generator's name and format version.</param>
/// <param name="Options">The options the suite was generated with.</param>
/// <param name="FlowGaps">The frame gaps of the ground-truth flows and visibility masks.</param>
/// <param name="Rendering">How frames, masks, flows and visibility are defined.</param>
/// <param name="Sequences">The sequences in list order.</param>
public sealed record SyntheticSuiteManifest(string Generator, SyntheticSuiteOptions Options, IReadOnlyList<int> FlowGaps, string Rendering, IReadOnlyList<SyntheticSequenceInfo> Sequences)
{
    private static readonly JsonSerializerOptions s_json = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NewLine = "\n",
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>The manifest as indented JSON with '\n' line ends, identical for identical manifests.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, s_json) + "\n";

    /// <summary>Writes the manifest atomically.</summary>
    public void Write(string path) => AtomicFile.WriteAllText(path, ToJson());

    /// <summary>Reads a manifest; a missing file is <see cref="ErrorCodes.MissingFile"/>, an unreadable one <see cref="ErrorCodes.BadLayout"/>.</summary>
    public static SyntheticSuiteManifest Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new VideoSegException(ErrorCodes.MissingFile, $"synthetic suite manifest not found: expected '{path}' (written by the generator)", path);
        }

        try
        {
            return JsonSerializer.Deserialize<SyntheticSuiteManifest>(File.ReadAllText(path), s_json)
                ?? throw new JsonException("the file holds null");
        }
        catch (JsonException exception)
        {
            throw new VideoSegException(ErrorCodes.BadLayout, $"'{path}' is not a synthetic suite manifest: {exception.Message}", path, exception);
        }
    }
}
