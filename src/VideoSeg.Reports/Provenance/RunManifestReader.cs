using System.IO;
using System.Text.Json;
using VideoSeg.Core;

namespace VideoSeg.Reports.Provenance;

/// <summary>Reads a manifest written by <see cref="RunManifestWriter"/>.</summary>
public static class RunManifestReader
{
    /// <summary>Reads and checks the manifest at <paramref name="path"/>.</summary>
    /// <exception cref="VideoSegException">The file is missing, is not a manifest, or has another schema version.</exception>
    public static RunManifest Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new VideoSegException(ErrorCodes.MissingFile, "run manifest not found", path);
        }

        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses manifest JSON; <paramref name="sourceName"/> names it in errors.</summary>
    /// <exception cref="VideoSegException">The text is not a manifest or has another schema version.</exception>
    public static RunManifest Parse(string json, string sourceName)
    {
        RunManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<RunManifest>(json, RunManifestJson.Options);
        }
        catch (JsonException e)
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, $"not a run manifest: {e.Message}", sourceName, e);
        }

        if (manifest is null || manifest.Environment is null || manifest.Environment.Git is null)
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, "not a run manifest: expected an object with an 'environment' block", sourceName);
        }

        if (manifest.SchemaVersion != RunManifest.CurrentSchemaVersion)
        {
            throw new VideoSegException(
                ErrorCodes.InvalidArgument,
                $"expected manifest schema version {RunManifest.CurrentSchemaVersion}, got {manifest.SchemaVersion}",
                sourceName);
        }

        return manifest;
    }
}
