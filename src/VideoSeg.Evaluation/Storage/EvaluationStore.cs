using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;
using VideoSeg.Core;
using VideoSeg.Core.IO;

namespace VideoSeg.Evaluation.Storage;

/// <summary>
/// The evaluate stage's output, one JSON file per scored folder (<c>&lt;out&gt;/&lt;name&gt;.json</c>), holding every
/// per-frame score, so the report stage can aggregate either way without rescoring.
/// </summary>
public static class EvaluationStore
{
    private static readonly JsonSerializerOptions s_json = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Writes one folder's scores.</summary>
    public static void Write(string path, IReadOnlyList<SequenceEvaluation> sequences) =>
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(sequences, s_json));

    /// <summary>Reads every scored folder under <paramref name="root"/>, keyed by name.</summary>
    public static SortedDictionary<string, IReadOnlyList<SequenceEvaluation>> ReadAll(string root)
    {
        if (!Directory.Exists(root))
        {
            throw new VideoSegException(ErrorCodes.MissingFile, $"evaluation results not found: expected the folder '{root}' written by 'videoseg evaluate'", root);
        }

        var result = new SortedDictionary<string, IReadOnlyList<SequenceEvaluation>>(System.StringComparer.Ordinal);
        foreach (string file in Directory.GetFiles(root, "*.json").Order(System.StringComparer.Ordinal))
        {
            try
            {
                result[Path.GetFileNameWithoutExtension(file)] = JsonSerializer.Deserialize<List<SequenceEvaluation>>(File.ReadAllText(file), s_json)
                    ?? throw new VideoSegException(ErrorCodes.StageFailed, $"'{file}' is empty; expected a list of sequence evaluations", file);
            }
            catch (JsonException ex)
            {
                throw new VideoSegException(ErrorCodes.StageFailed, $"'{file}' is not a valid evaluation file: {ex.Message}; rerun 'videoseg evaluate --force'", file, ex);
            }
        }

        return result;
    }
}
