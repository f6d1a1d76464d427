using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using VideoSeg.Core.IO;

namespace VideoSeg.Core.Pipeline;

/// <summary>
/// Runs one pipeline stage incrementally and atomically. The stage writes into
/// <c>&lt;output&gt;.partial/</c>; only on success is that folder swapped in for the output
/// folder and a stamp written beside it (<c>&lt;output&gt;.stamp.json</c>). An interrupted run
/// leaves the previous output untouched and its partial folder is discarded by the next run.
/// </summary>
public sealed class IncrementalStage
{
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };
    private readonly SortedDictionary<string, string> _parameters = new(StringComparer.Ordinal);
    private readonly List<string> _inputs = [];

    /// <summary>Creates a stage writing to <paramref name="outputDirectory"/>.</summary>
    public IncrementalStage(string name, string outputDirectory)
    {
        Name = name;
        OutputDirectory = Path.GetFullPath(outputDirectory);
    }

    /// <summary>The stage name.</summary>
    public string Name { get; }

    /// <summary>The final output folder.</summary>
    public string OutputDirectory { get; }

    /// <summary>The stamp file.</summary>
    public string StampPath => OutputDirectory + ".stamp.json";

    /// <summary>Records a parameter; any change to it reruns the stage.</summary>
    public IncrementalStage WithParameter(string key, object? value)
    {
        _parameters[key] = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
        return this;
    }

    /// <summary>Records an input file or folder whose content the stage depends on.</summary>
    public IncrementalStage WithInput(string path)
    {
        _inputs.Add(Path.GetFullPath(path));
        return this;
    }

    /// <summary>The hash over the parameters and the content of every input.</summary>
    public string ComputeInputHash()
    {
        var text = new StringBuilder();
        text.Append("stage=").Append(Name).Append('\n');
        foreach ((string key, string value) in _parameters)
        {
            text.Append(key).Append('=').Append(value).Append('\n');
        }

        foreach (string input in _inputs.OrderBy(p => p, StringComparer.Ordinal))
        {
            string hash = File.Exists(input) ? ContentHash.OfFile(input) : ContentHash.OfDirectory(input);
            text.Append("input ").Append(input).Append('=').Append(hash).Append('\n');
        }

        return ContentHash.OfString(text.ToString());
    }

    /// <summary>Whether a previous run with identical inputs produced the outputs that are still there.</summary>
    public bool IsUpToDate(string inputHash)
    {
        StageStamp? stamp = ReadStamp();
        return stamp is not null
            && stamp.InputHash == inputHash
            && Directory.Exists(OutputDirectory)
            && stamp.OutputHash == ContentHash.OfDirectory(OutputDirectory);
    }

    /// <summary>Reads this stage's stamp, or null when there is none or it is unreadable.</summary>
    public StageStamp? ReadStamp()
    {
        if (!File.Exists(StampPath))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<StageStamp>(File.ReadAllText(StampPath));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> into a fresh partial folder unless the stage is up to date.
    /// Returns true if the stage ran, false if it was skipped.
    /// </summary>
    public async Task<bool> RunAsync(Func<string, CancellationToken, Task> work, bool force, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        // A partial folder is what an interrupted run left behind; it is never reused.
        string partial = OutputDirectory + ".partial";
        if (Directory.Exists(partial))
        {
            Directory.Delete(partial, recursive: true);
        }

        string inputHash = ComputeInputHash();
        if (!force && IsUpToDate(inputHash))
        {
            return false;
        }

        Directory.CreateDirectory(partial);
        var clock = Stopwatch.StartNew();
        try
        {
            await work(partial, cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
        catch
        {
            Directory.Delete(partial, recursive: true);
            throw;
        }

        if (File.Exists(StampPath))
        {
            File.Delete(StampPath);
        }

        if (Directory.Exists(OutputDirectory))
        {
            Directory.Delete(OutputDirectory, recursive: true);
        }

        Directory.Move(partial, OutputDirectory);
        var stamp = new StageStamp(Name, inputHash, ContentHash.OfDirectory(OutputDirectory), _parameters, clock.Elapsed.TotalSeconds);
        AtomicFile.WriteAllText(StampPath, JsonSerializer.Serialize(stamp, s_json));
        return true;
    }
}
