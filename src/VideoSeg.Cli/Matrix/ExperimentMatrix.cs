using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using VideoSeg.Core;
using VideoSeg.Core.IO;

namespace VideoSeg.Cli.Matrix;

/// <summary>
/// The experiment matrix (eng/experiments.json): the warp convention, the occlusion check and
/// every refinement configuration that <c>Reproduce</c> runs. Unknown keys are errors rather than
/// silently ignored, so a typo cannot drop a configuration from the study.
/// </summary>
/// <param name="WarpConvention">The default warp: "ssl-vos" (SSL-VOS and the paper's code), "pixel-exact" or "paper-iterative-code".</param>
/// <param name="Propagation">The default flow direction: "source-to-target" (the paper's code) or "target-to-source" (geometrically consistent).</param>
/// <param name="Occlusion">The occlusion check.</param>
/// <param name="Threshold">The foreground threshold applied to soft masks.</param>
/// <param name="Configurations">The configurations, in Table 1 order.</param>
/// <param name="Hash">The SHA-256 of the file's bytes, recorded in stamps and the manifest.</param>
public sealed record ExperimentMatrix(
    string WarpConvention,
    string Propagation,
    OcclusionSettings Occlusion,
    double Threshold,
    IReadOnlyList<RefinementConfiguration> Configurations,
    string Hash)
{
    private static readonly HashSet<string> s_topKeys = ["schema", "description", "warpConvention", "propagation", "occlusion", "threshold", "configurations"];
    private static readonly HashSet<string> s_configurationKeys = ["name", "kind", "gaps", "includeCurrent", "alpha", "iterations", "normalizeWeights", "reportIteration", "table1", "warpConvention", "propagation", "source"];

    /// <summary>Loads and validates a matrix file.</summary>
    public static ExperimentMatrix Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new VideoSegException(ErrorCodes.InvalidMatrix, $"experiment matrix not found: expected a JSON file at '{path}'", path);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            throw new VideoSegException(ErrorCodes.InvalidMatrix, $"'{path}' is not valid JSON: {ex.Message}", path, ex);
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            CheckKeys(root, s_topKeys, path, "the matrix");
            string warp = CheckWarp(GetString(root, "warpConvention", "ssl-vos", path), path);
            string propagation = CheckPropagation(GetString(root, "propagation", "source-to-target", path), path);

            JsonElement occlusionElement = root.TryGetProperty("occlusion", out JsonElement o) ? o : default;
            var occlusion = new OcclusionSettings(
                occlusionElement.ValueKind == JsonValueKind.Object ? GetString(occlusionElement, "variant", "paper", path) : "paper",
                occlusionElement.ValueKind == JsonValueKind.Object ? GetDouble(occlusionElement, "alpha1", 0.01, path) : 0.01,
                occlusionElement.ValueKind == JsonValueKind.Object ? GetDouble(occlusionElement, "alpha2", 0.5, path) : 0.5,
                CheckWarp(occlusionElement.ValueKind == JsonValueKind.Object ? GetString(occlusionElement, "warpConvention", "pixel-exact", path) : "pixel-exact", path));
            if (occlusion.Variant is not ("paper" or "unflow-code"))
            {
                throw Invalid(path, $"occlusion.variant is '{occlusion.Variant}'; expected 'paper' or 'unflow-code'");
            }

            if (!root.TryGetProperty("configurations", out JsonElement list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
            {
                throw Invalid(path, "expected a non-empty 'configurations' array");
            }

            var configurations = list.EnumerateArray().Select(c => ParseConfiguration(c, warp, propagation, path)).ToList();
            string? duplicate = configurations.GroupBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1)?.Key;
            if (duplicate is not null)
            {
                throw Invalid(path, $"the configuration name '{duplicate}' appears more than once");
            }

            if (!configurations.Any(c => c.Kind == RefinementKind.Base))
            {
                throw Invalid(path, "expected one configuration of kind 'base' (the reference row)");
            }

            return new ExperimentMatrix(warp, propagation, occlusion, GetDouble(root, "threshold", 0.5, path), configurations, ContentHash.OfFile(path));
        }
    }

    /// <summary>The configuration named <paramref name="name"/>; an unknown name is a VSEG1002 error listing the known ones.</summary>
    public RefinementConfiguration Find(string name) =>
        Configurations.FirstOrDefault(c => c.Name == name)
        ?? throw new VideoSegException(ErrorCodes.UnknownConfiguration, $"unknown configuration '{name}'; the matrix defines: {string.Join(", ", Configurations.Select(c => c.Name))}");

    private static RefinementConfiguration ParseConfiguration(JsonElement element, string defaultWarp, string defaultPropagation, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(path, "each configuration must be a JSON object");
        }

        string name = GetString(element, "name", string.Empty, path);
        if (name.Length == 0 || name.IndexOfAny(['/', '\\', '@', ' ']) >= 0)
        {
            throw Invalid(path, $"configuration name '{name}' must be non-empty and free of '/', '\\', '@' and spaces");
        }

        CheckKeys(element, s_configurationKeys, path, $"configuration '{name}'");
        string kindText = GetString(element, "kind", string.Empty, path);
        RefinementKind kind = kindText switch
        {
            "base" => RefinementKind.Base,
            "initial" => RefinementKind.Initial,
            "weighted-average" => RefinementKind.WeightedAverage,
            "iterative" => RefinementKind.Iterative,
            "reference" => RefinementKind.Reference,
            _ => throw new VideoSegException(ErrorCodes.UnknownConfiguration, $"configuration '{name}' in '{path}' has kind '{kindText}'; expected base, initial, weighted-average, iterative or reference", path),
        };
        int[] gaps = element.TryGetProperty("gaps", out JsonElement g) ? g.EnumerateArray().Select(e => e.GetInt32()).ToArray() : [1];
        if (gaps.Length == 0 || gaps.Any(x => x is < 1 or > 2))
        {
            throw Invalid(path, $"configuration '{name}': gaps must be a non-empty subset of [1, 2] (flows exist for gaps ±1 and ±2)");
        }

        double alpha = GetDouble(element, "alpha", 0.8, path);
        int iterations = (int)GetDouble(element, "iterations", 1, path);
        int reportIteration = (int)GetDouble(element, "reportIteration", 1, path);
        if (kind == RefinementKind.Iterative && (alpha is < 0 or > 1 || iterations is < 1 or > 64 || reportIteration < 1 || reportIteration > iterations))
        {
            throw Invalid(path, $"configuration '{name}': expected 0 ≤ alpha ≤ 1, 1 ≤ iterations ≤ 64 and 1 ≤ reportIteration ≤ iterations");
        }

        bool includeCurrent = !element.TryGetProperty("includeCurrent", out JsonElement ic) || ic.GetBoolean();
        bool normalize = !element.TryGetProperty("normalizeWeights", out JsonElement nw) || nw.GetBoolean();
        string? label = element.TryGetProperty("table1", out JsonElement t) ? t.GetString() : null;
        string warp = CheckWarp(GetString(element, "warpConvention", defaultWarp, path), path);
        string propagation = CheckPropagation(GetString(element, "propagation", defaultPropagation, path), path);
        string? source = element.TryGetProperty("source", out _) ? GetString(element, "source", string.Empty, path) : null;
        if ((kind == RefinementKind.Reference) != (source is not null))
        {
            throw Invalid(path, $"configuration '{name}': 'source' (a base-mask source such as \"motion\") is required for kind 'reference' and allowed only there");
        }

        if (source is not null && (source.Length == 0 || source.IndexOfAny(['/', '\\', '=', ' ']) >= 0))
        {
            throw Invalid(path, $"configuration '{name}': source '{source}' must be non-empty and free of '/', '\\', '=' and spaces");
        }

        return new RefinementConfiguration(name, kind, gaps, includeCurrent, alpha, iterations, normalize, reportIteration, label, warp, propagation, source);
    }

    private static string CheckWarp(string warp, string path) =>
        warp is "ssl-vos" or "pixel-exact" or "paper-iterative-code"
            ? warp
            : throw Invalid(path, $"warpConvention '{warp}' is unknown; expected 'ssl-vos', 'pixel-exact' or 'paper-iterative-code'");

    private static string CheckPropagation(string propagation, string path) =>
        propagation is "source-to-target" or "target-to-source"
            ? propagation
            : throw Invalid(path, $"propagation '{propagation}' is unknown; expected 'source-to-target' or 'target-to-source'");

    private static void CheckKeys(JsonElement element, HashSet<string> allowed, string path, string what)
    {
        foreach (JsonProperty property in element.EnumerateObject())
        {
            if (!allowed.Contains(property.Name))
            {
                throw Invalid(path, $"{what} has the unknown key '{property.Name}'; expected one of {string.Join(", ", allowed.Order(StringComparer.Ordinal))}");
            }
        }
    }

    private static string GetString(JsonElement element, string key, string fallback, string path)
    {
        if (!element.TryGetProperty(key, out JsonElement value))
        {
            return fallback;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Invalid(path, $"'{key}' must be a string");
    }

    private static double GetDouble(JsonElement element, string key, double fallback, string path)
    {
        if (!element.TryGetProperty(key, out JsonElement value))
        {
            return fallback;
        }

        return value.ValueKind == JsonValueKind.Number ? value.GetDouble() : throw Invalid(path, $"'{key}' must be a number");
    }

    private static VideoSegException Invalid(string path, string message) =>
        new(ErrorCodes.InvalidMatrix, $"'{path}': {message}", path);
}
