using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;
using VideoSeg.Core.IO;

namespace VideoSeg.Core.FineTuning;

/// <summary>
/// The finetune stage's records on disk: <c>&lt;root&gt;/runs/&lt;configuration&gt;/&lt;sequence&gt;.json</c>, one
/// <see cref="FineTuningRunRecord"/> each, written atomically; the report stage reads them back.
/// </summary>
public static class FineTuningStore
{
    private static readonly JsonSerializerOptions s_json = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Where <paramref name="configuration"/>'s run on <paramref name="sequence"/> is kept under <paramref name="root"/>.</summary>
    public static string PathOf(string root, string configuration, string sequence) => Path.Combine(root, "runs", configuration, sequence + ".json");

    /// <summary>The file name of the snapshot of frame <paramref name="stem"/> after <paramref name="iteration"/> steps: the iteration in 7 digits (so names sort in order), a dash, the stem.</summary>
    public static string SnapshotFileName(int iteration, string stem) =>
        string.Create(CultureInfo.InvariantCulture, $"{iteration:D7}-{stem}.png");

    /// <summary>The iteration and frame stem of a snapshot written under <see cref="SnapshotFileName"/>; any other name is one <see cref="ErrorCodes.BadLayout"/> error naming the file.</summary>
    public static (int Iteration, string Stem) ParseSnapshotFileName(string path)
    {
        string name = Path.GetFileNameWithoutExtension(path);
        return name.Length > 8 && name[7] == '-' && int.TryParse(name.AsSpan(0, 7), NumberStyles.None, CultureInfo.InvariantCulture, out int iteration)
            ? (iteration, name[8..])
            : throw new VideoSegException(ErrorCodes.BadLayout, "not a fine-tuning snapshot: expected <7-digit iteration>-<frame stem>.png", path);
    }

    /// <summary>Writes <paramref name="record"/> under <paramref name="root"/>.</summary>
    public static void Write(string root, FineTuningRunRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        AtomicFile.WriteAllText(PathOf(root, record.Configuration, record.Sequence), JsonSerializer.Serialize(record, s_json) + "\n");
    }

    /// <summary>Reads one record; a damaged file is one <see cref="ErrorCodes.BadLayout"/> error naming it.</summary>
    public static FineTuningRunRecord Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new VideoSegException(ErrorCodes.MissingFile, "fine-tuning record not found; rerun 'videoseg finetune'", path);
        }

        FineTuningRunRecord? record;
        try
        {
            record = JsonSerializer.Deserialize<FineTuningRunRecord>(File.ReadAllText(path), s_json);
        }
        catch (JsonException ex)
        {
            throw new VideoSegException(ErrorCodes.BadLayout, $"not a fine-tuning record ({ex.Message}); rerun 'videoseg finetune --force'", path, ex);
        }

        if (record is null || record.Evaluations is null || record.Evaluations.Count == 0 || record.Steps is null || record.Stopping is null
            || record.Evaluations[0].Iteration != 0 || record.Evaluations.All(e => e.Iteration != record.Stopping.Iteration))
        {
            throw new VideoSegException(ErrorCodes.BadLayout, "a fine-tuning record needs its evaluations from iteration 0 and the stopping rule's choice among them; rerun 'videoseg finetune --force'", path);
        }

        return record;
    }

    /// <summary>Every record under <paramref name="root"/>, by configuration folder then sequence, in ordinal order.</summary>
    public static IReadOnlyList<FineTuningRunRecord> ReadAll(string root)
    {
        string runs = Path.Combine(root, "runs");
        if (!Directory.Exists(runs))
        {
            throw new VideoSegException(ErrorCodes.MissingFile, "no fine-tuning records: expected runs/<configuration>/<sequence>.json; run 'videoseg finetune' first", root);
        }

        return Directory.GetFiles(runs, "*.json", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(Read)
            .ToList();
    }
}
