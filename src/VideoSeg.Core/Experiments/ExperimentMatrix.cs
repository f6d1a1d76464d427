using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;
using VideoSeg.Core.Pipeline;

namespace VideoSeg.Core.Experiments;

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
    private static readonly HashSet<string> s_topKeys = ["schema", "description", "warpConvention", "propagation", "occlusion", "threshold", "configurations", "fineTuning"];
    private static readonly HashSet<string> s_fineTuningKeys = ["description", "stoppingRule", "configurations"];
    private static readonly HashSet<string> s_stoppingRuleKeys = ["window", "minRelativeImprovement", "maxMaskChange", "maxAreaChange"];
    private static readonly HashSet<string> s_fineTuningConfigurationKeys = ["name", "loss", "weight", "deviation", "occlusionWeighted", "report", "table2"];
    private static readonly HashSet<string> s_occlusionKeys = ["variant", "alpha1", "alpha2", "warpConvention"];
    private static readonly HashSet<string> s_configurationKeys = ["name", "kind", "gaps", "includeCurrent", "alpha", "iterations", "normalizeWeights", "reportIteration", "table1", "warpConvention", "propagation", "source"];
    private static readonly string[] s_warps = ["ssl-vos", "pixel-exact", "paper-iterative-code"];
    private static readonly string[] s_propagations = ["source-to-target", "target-to-source"];

    /// <summary>The fine-tuning configurations (Table 2, Figures 8 and 9) and the stopping rule; <see cref="FineTuningSettings.None"/> when the file has no <c>fineTuning</c> object.</summary>
    public FineTuningSettings FineTuning { get; init; } = FineTuningSettings.None;

    /// <summary>The most iterations an iterative configuration may run (each one is written and scored).</summary>
    public const int MaxIterations = 64;

    /// <summary>
    /// Loads and validates a matrix file. Every defect, whatever its shape (a top level that is not
    /// an object, a value of the wrong type, a number out of range, a repeated or unknown key, an
    /// unreadable or empty file), is one <see cref="VideoSegException"/> with
    /// <see cref="ErrorCodes.InvalidMatrix"/> whose message gives the JSON path of the offending
    /// value; an unknown configuration kind is <see cref="ErrorCodes.UnknownConfiguration"/> and a
    /// configuration name that is not one plain folder name is <see cref="ErrorCodes.BadName"/>.
    /// Bounds: <c>threshold</c> strictly between 0 and 1; <c>occlusion.alpha1</c> in [0, 1] and
    /// <c>occlusion.alpha2</c> in [0, 100] px² (UnFlow: 0.01 and 0.5); <c>alpha</c> in [0, 1];
    /// <c>iterations</c> and <c>reportIteration</c> integers from 1 to <see cref="MaxIterations"/>.
    /// </summary>
    public static ExperimentMatrix Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes = ReadAll(path);
        if (bytes.AsSpan().Trim(" \t\r\n"u8).IsEmpty || bytes.AsSpan().Trim(" \t\r\n"u8).SequenceEqual("\uFEFF"u8))
        {
            throw Invalid(path, "the file is empty; expected a JSON object with a 'configurations' array");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            // The parser quotes the text it stopped at, line breaks included; the diagnostic must stay one line.
            throw new VideoSegException(ErrorCodes.InvalidMatrix, $"not valid JSON: {MatrixNode.Printable(ex.Message, int.MaxValue)}", path, ex);
        }

        using (document)
        {
            MatrixNode root = MatrixNode.RootObject(document.RootElement, path, s_topKeys);
            // Read only to check them: a future schema must not be parsed as this one, and a
            // description that is not text is as much a typo as any other wrong value.
            root.OptionalInt("schema", 1, 1, 1);
            root.OptionalString("description", string.Empty);
            string warp = root.OptionalChoice("warpConvention", "ssl-vos", s_warps);
            string propagation = root.OptionalChoice("propagation", "source-to-target", s_propagations);
            OcclusionSettings occlusion = ParseOcclusion(root.OptionalObject("occlusion", s_occlusionKeys, "the occlusion settings"));
            double threshold = root.OptionalDouble("threshold", 0.5, t => t is > 0 and < 1, "a number strictly between 0 and 1 (the foreground threshold)");

            MatrixNode list = root.RequiredNonEmptyArray("configurations", "a non-empty array of configuration objects");
            var configurations = list.Objects(s_configurationKeys, "a configuration").Select(c => ParseConfiguration(c, warp, propagation)).ToList();
            string? duplicate = configurations.GroupBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1)?.Key;
            if (duplicate is not null)
            {
                throw list.Error($"the configuration name '{duplicate}' appears more than once");
            }

            if (!configurations.Any(c => c.Kind == RefinementKind.Base))
            {
                throw list.Error("expected one configuration of kind 'base' (the reference row)");
            }

            FineTuningSettings fineTuning = ParseFineTuning(root.OptionalObject("fineTuning", s_fineTuningKeys, "the fine-tuning settings"));

            // The hash of the bytes just parsed (the same value as ContentHash.OfFile), so that it
            // cannot describe a file edited, or made unreadable, in between.
            return new ExperimentMatrix(warp, propagation, occlusion, threshold, configurations, Convert.ToHexStringLower(SHA256.HashData(bytes))) { FineTuning = fineTuning };
        }
    }

    /// <summary>The configuration named <paramref name="name"/>; an unknown name is a VSEG1002 error listing the known ones.</summary>
    public RefinementConfiguration Find(string name) =>
        Configurations.FirstOrDefault(c => c.Name == name)
        ?? throw new VideoSegException(ErrorCodes.UnknownConfiguration, $"unknown configuration '{name}'; the matrix defines: {string.Join(", ", Configurations.Select(c => c.Name))}");

    private static byte[] ReadAll(string path)
    {
        if (Directory.Exists(path))
        {
            throw Invalid(path, "this is a folder; expected the experiment matrix JSON file (eng/experiments.json)");
        }

        if (!File.Exists(path))
        {
            throw new VideoSegException(ErrorCodes.InvalidMatrix, $"experiment matrix not found: expected a JSON file at '{path}'", path);
        }

        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new VideoSegException(ErrorCodes.InvalidMatrix, $"cannot be read: {ex.Message}", path, ex);
        }
    }

    private static OcclusionSettings ParseOcclusion(MatrixNode? occlusion)
    {
        if (occlusion is null)
        {
            return new OcclusionSettings("paper", OcclusionSettings.DefaultAlpha1, OcclusionSettings.DefaultAlpha2, "pixel-exact");
        }

        return new OcclusionSettings(
            occlusion.OptionalChoice("variant", "paper", "paper", "unflow-code"),
            occlusion.OptionalDouble("alpha1", OcclusionSettings.DefaultAlpha1, a => a is >= 0 and <= OcclusionSettings.MaxAlpha1, "a number from 0 to 1 (the relative tolerance α1; UnFlow uses 0.01)"),
            occlusion.OptionalDouble("alpha2", OcclusionSettings.DefaultAlpha2, a => a is >= 0 and <= OcclusionSettings.MaxAlpha2, "a number from 0 to 100 (the absolute tolerance α2 in px²; UnFlow uses 0.5)"),
            occlusion.OptionalChoice("warpConvention", "pixel-exact", s_warps));
    }

    private static RefinementConfiguration ParseConfiguration(MatrixNode element, string defaultWarp, string defaultPropagation)
    {
        string name = element.RequiredString("name");
        try
        {
            PlainName.Check(name, "configuration name", element.File);
        }
        catch (VideoSegException ex)
        {
            // PlainName says why; the JSON path says where, since a matrix has no useful line numbers.
            throw element.ErrorAt("name", ex.Code, ex.Message);
        }

        if (name.IndexOfAny(['@', ' ']) >= 0)
        {
            // '@' separates a configuration from its iteration in output names (iterative@3).
            throw element.ErrorAt("name", ErrorCodes.InvalidMatrix, $"configuration name '{MatrixNode.Printable(name)}' must be free of '@' and spaces");
        }

        string kindText = element.RequiredString("kind");
        RefinementKind kind = kindText switch
        {
            "base" => RefinementKind.Base,
            "initial" => RefinementKind.Initial,
            "weighted-average" => RefinementKind.WeightedAverage,
            "iterative" => RefinementKind.Iterative,
            "reference" => RefinementKind.Reference,
            _ => throw element.ErrorAt("kind", ErrorCodes.UnknownConfiguration, $"configuration '{name}' has kind '{MatrixNode.Printable(kindText)}'; expected base, initial, weighted-average, iterative or reference"),
        };

        // Flows exist for gaps ±1 and ±2 only.
        int[] gaps = element.OptionalDistinctInts("gaps", [1], 1, 2, "a non-empty array of the integers 1 and/or 2 without repeats (flows exist for gaps ±1 and ±2)");
        double alpha = element.OptionalDouble("alpha", 0.8, a => a is >= 0 and <= 1, "a number from 0 to 1 (the weight of the current mask)");
        int iterations = element.OptionalInt("iterations", 1, 1, MaxIterations);
        int reportIteration = element.OptionalInt("reportIteration", 1, 1, MaxIterations);
        if (kind == RefinementKind.Iterative && reportIteration > iterations)
        {
            throw element.Error($"configuration '{name}': reportIteration ({reportIteration}) must not exceed iterations ({iterations}); expected 1 ≤ reportIteration ≤ iterations");
        }

        bool includeCurrent = element.OptionalBool("includeCurrent", true);
        bool normalize = element.OptionalBool("normalizeWeights", true);
        string? label = element.OptionalNullableString("table1");
        if (label is not null && label.Any(char.IsControl))
        {
            // The label is a row of Table 1's Markdown and LaTeX; a line break would split the row.
            throw element.ErrorAt("table1", ErrorCodes.InvalidMatrix, $"configuration '{name}': the table1 label '{MatrixNode.Printable(label)}' contains a control character");
        }

        string warp = element.OptionalChoice("warpConvention", defaultWarp, s_warps);
        string propagation = element.OptionalChoice("propagation", defaultPropagation, s_propagations);
        string? source = element.Has("source") ? element.RequiredString("source") : null;
        if ((kind == RefinementKind.Reference) != (source is not null))
        {
            throw element.Error($"configuration '{name}': 'source' (a base-mask source such as \"motion\") is required for kind 'reference' and allowed only there");
        }

        if (source is not null && (source.Length == 0 || source.IndexOfAny(['/', '\\', '=', ' ']) >= 0 || source.Any(char.IsControl)))
        {
            throw element.ErrorAt("source", ErrorCodes.InvalidMatrix, $"configuration '{name}': source '{MatrixNode.Printable(source)}' must be non-empty and free of '/', '\\', '=', spaces and control characters");
        }

        return new RefinementConfiguration(name, kind, gaps, includeCurrent, alpha, iterations, normalize, reportIteration, label, warp, propagation, source);
    }

    private static FineTuningSettings ParseFineTuning(MatrixNode? node)
    {
        if (node is null)
        {
            return FineTuningSettings.None;
        }

        node.OptionalString("description", string.Empty);
        MatrixNode? rule = node.OptionalObject("stoppingRule", s_stoppingRuleKeys, "the stopping rule's thresholds");
        var defaults = new StoppingRuleSettings();
        StoppingRuleSettings stopping = rule is null
            ? defaults
            : new StoppingRuleSettings
            {
                Window = rule.OptionalInt("window", defaults.Window, 1, 1000),
                MinRelativeImprovement = rule.OptionalDouble("minRelativeImprovement", defaults.MinRelativeImprovement, v => v is >= 0 and <= 1, "a number from 0 to 1 (a relative improvement)"),
                MaxMaskChange = rule.OptionalDouble("maxMaskChange", defaults.MaxMaskChange, v => v is > 0 and <= 1, "a number above 0 and at most 1 (a mean 1 − IoU with the starting masks)"),
                MaxAreaChange = rule.OptionalDouble("maxAreaChange", defaults.MaxAreaChange, v => v is > 0 and <= 100, "a number above 0 and at most 100 (a relative change of area)"),
            };

        MatrixNode list = node.RequiredNonEmptyArray("configurations", "a non-empty array of fine-tuning configuration objects");
        var configurations = list.Objects(s_fineTuningConfigurationKeys, "a fine-tuning configuration").Select(ParseFineTuningConfiguration).ToList();
        string? duplicate = configurations.GroupBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1)?.Key;
        if (duplicate is not null)
        {
            throw list.Error($"the fine-tuning configuration name '{duplicate}' appears more than once");
        }

        return new FineTuningSettings(configurations, stopping);
    }

    private static FineTuningConfiguration ParseFineTuningConfiguration(MatrixNode element)
    {
        string name = element.RequiredString("name");
        try
        {
            PlainName.Check(name, "fine-tuning configuration name", element.File);
        }
        catch (VideoSegException ex)
        {
            throw element.ErrorAt("name", ex.Code, ex.Message);
        }

        ConsistencyLossForm loss = element.OptionalChoice("loss", "paper-code", "paper-code", "corrected") == "corrected" ? ConsistencyLossForm.Corrected : ConsistencyLossForm.PaperCode;
        double? weight = element.Has("weight") ? element.OptionalDouble("weight", 0, w => w is > 0 and <= 1000, "a number above 0 and at most 1000 (the consistency term's weight)") : null;
        double deviation = element.OptionalDouble("deviation", 0, d => d is >= 0 and <= 1000, "a number from 0 to 1000 (α_c of the deviation regulariser; 0 for none)");
        bool occlusion = element.OptionalBool("occlusionWeighted", false);
        FineTuningReportRule report = FineTuningReportRuleNames.Parse(element.OptionalChoice("report", "oracle-best", FineTuningReportRuleNames.All));
        string label = element.OptionalNullableString("table2") ?? name;
        if (label.Any(char.IsControl))
        {
            throw element.ErrorAt("table2", ErrorCodes.InvalidMatrix, $"fine-tuning configuration '{name}': the table2 label '{MatrixNode.Printable(label)}' contains a control character");
        }

        return new FineTuningConfiguration(name, loss, weight, deviation, occlusion, report, label);
    }

    private static VideoSegException Invalid(string path, string message) =>
        new(ErrorCodes.InvalidMatrix, message, path);
}
