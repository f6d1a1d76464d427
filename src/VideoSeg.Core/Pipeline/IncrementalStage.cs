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
/// Runs one pipeline stage incrementally and atomically. The stage works in a folder inside
/// <c>&lt;output&gt;.partial/</c>, which carries VideoSeg's marker; only on success is the result
/// swapped in for the output folder, with a stamp beside it (<c>&lt;output&gt;.stamp.json</c>). An
/// interrupted run leaves the previous output untouched, and its working folder is discarded by
/// the next run. Before any work, the stage refuses (see <see cref="OutputOwnership"/>) an output that
/// is, lies inside or contains one of its inputs, an existing folder that is not empty and does not
/// carry this stage's stamp, and a path it cannot write.
/// </summary>
public sealed class IncrementalStage
{
    /// <summary>The suffix of the working folder beside the output.</summary>
    public const string WorkingSuffix = ".partial";

    /// <summary>The marker file inside the working folder that shows VideoSeg made it.</summary>
    public const string WorkingMarkerFileName = ".videoseg-stage";

    private const string WorkFolderName = "output";
    private const string PreviousFolderName = "previous";
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };
    private readonly SortedDictionary<string, string> _parameters = new(StringComparer.Ordinal);
    private readonly List<string> _inputs = [];
    private readonly List<string> _inputRoots = [];

    // Shared with the stage's shards (ForShard), so that a merge checking N shard stamps hashes each input once.
    private readonly Dictionary<string, string> _inputHashes;

    /// <summary>Creates a stage writing to <paramref name="outputDirectory"/>.</summary>
    public IncrementalStage(string name, string outputDirectory)
        : this(name, outputDirectory, new Dictionary<string, string>(StringComparer.Ordinal))
    {
    }

    private IncrementalStage(string name, string outputDirectory, Dictionary<string, string> inputHashes)
    {
        Name = name;
        OutputDirectory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(outputDirectory));
        _inputHashes = inputHashes;
    }

    /// <summary>The stage name.</summary>
    public string Name { get; }

    /// <summary>The final output folder.</summary>
    public string OutputDirectory { get; }

    /// <summary>The stamp file.</summary>
    public string StampPath => OutputDirectory + ".stamp.json";

    /// <summary>The working folder (<c>&lt;output&gt;.partial</c>), present only while the stage runs or after it was killed.</summary>
    public string WorkingDirectory => OutputDirectory + WorkingSuffix;

    /// <summary>Records a parameter; any change to it reruns the stage.</summary>
    public IncrementalStage WithParameter(string key, object? value)
    {
        _parameters[key] = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
        return this;
    }

    /// <summary>
    /// Records the code that computes the stage (<see cref="CodeFingerprint.Of(Type)"/> of <paramref name="stage"/>):
    /// an edit to any VideoSeg assembly it runs reruns it.
    /// </summary>
    public IncrementalStage WithCode(Type stage) => WithParameter("code", CodeFingerprint.Of(stage));

    /// <summary>Runs <paramref name="work"/> like <see cref="RunAsync"/> and says what happened.</summary>
    public async Task<StageOutcome> RunToOutcomeAsync(Func<string, CancellationToken, Task> work, bool force, CancellationToken cancellationToken)
    {
        bool ran = await RunAsync(work, force, cancellationToken).ConfigureAwait(false);
        return new StageOutcome(Name, OutputDirectory, StampPath, ran);
    }

    /// <summary>Records an input file or folder whose content the stage depends on; the output may not overlap it.</summary>
    public IncrementalStage WithInput(string path)
    {
        _inputs.Add(Path.GetFullPath(path));
        return this;
    }

    /// <summary>
    /// Records a folder the stage reads from (a dataset root, a model folder) without hashing all of it:
    /// the output may not be, lie inside or contain it.
    /// </summary>
    public IncrementalStage WithInputRoot(string path)
    {
        _inputRoots.Add(Path.GetFullPath(path));
        return this;
    }

    /// <summary>
    /// The same stage restricted to one shard (<see cref="ShardSpec"/>): the same parameters plus <c>shard</c>, the
    /// same inputs, and its own output <c>&lt;output&gt;.shards/I-of-N/</c> with its own stamp beside it, so that
    /// shards running at once on different machines never write the same path. <see cref="ShardedStage"/> merges them.
    /// </summary>
    public IncrementalStage ForShard(ShardSpec shard)
    {
        ArgumentNullException.ThrowIfNull(shard);
        var copy = new IncrementalStage(Name, ShardedStage.ShardOutput(OutputDirectory, shard), _inputHashes);
        foreach ((string key, string value) in _parameters)
        {
            copy._parameters[key] = value;
        }

        copy._parameters["shard"] = shard.ToString();
        copy._inputs.AddRange(_inputs);
        copy._inputRoots.AddRange(_inputRoots);
        return copy;
    }

    /// <summary>Whether the stage is up to date now, computing nothing (<c>--check</c>).</summary>
    public bool IsCurrent() => IsUpToDate(ComputeInputHash());

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
            if (!_inputHashes.TryGetValue(input, out string? hash))
            {
                hash = File.Exists(input) ? ContentHash.OfFile(input) : ContentHash.OfDirectory(input);
                _inputHashes[input] = hash;
            }

            text.Append("input ").Append(input).Append('=').Append(hash).Append('\n');
        }

        return ContentHash.OfString(text.ToString());
    }

    /// <summary>Whether a previous run with identical inputs produced the outputs that are still there.</summary>
    public bool IsUpToDate(string inputHash)
    {
        StageStamp? stamp = ReadStamp();
        return stamp is not null
            && stamp.Stage == Name
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
    /// Checks, before any work, that this stage may write its output: the rules of <see cref="OutputOwnership"/>
    /// for the output, its stamp and its working folder. <c>force</c> does not lift them.
    /// </summary>
    public void CheckOutputs()
    {
        OutputOwnership.CheckDisjoint(Name, OutputDirectory, _inputs.Concat(_inputRoots));
        string stampName = $"the {Name} stage's stamp '{StampPath}'";
        if (Directory.Exists(StampPath))
        {
            throw new VideoSegException(ErrorCodes.OutputNotOwned, $"a folder stands where the {Name} stage writes its stamp; VideoSeg never replaces it. Remove it or choose another output", StampPath);
        }

        if (File.Exists(StampPath) && ReadStamp()?.Stage != Name)
        {
            throw new VideoSegException(ErrorCodes.OutputNotOwned, $"this file is not {stampName} (it is not a stamp, or another stage's), so the output beside it is not this stage's to replace. Remove it or choose another output", StampPath);
        }

        OutputOwnership.CheckReplaceable(OutputDirectory, () => ReadStamp()?.Stage == Name, stampName);
        OutputOwnership.CheckReplaceable(WorkingDirectory, () => File.Exists(Path.Combine(WorkingDirectory, WorkingMarkerFileName)), $"VideoSeg's marker '{WorkingMarkerFileName}'");
    }

    /// <summary>
    /// Runs <paramref name="work"/> into a fresh working folder unless the stage is up to date.
    /// Returns true if the stage ran, false if it was skipped.
    /// </summary>
    public async Task<bool> RunAsync(Func<string, CancellationToken, Task> work, bool force, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        CheckOutputs();

        // A working folder is what an interrupted run left behind; it is never reused.
        DeleteWorkingDirectory();
        string inputHash = ComputeInputHash();
        if (!force && IsUpToDate(inputHash))
        {
            return false;
        }

        string folder = CreateWorkingDirectory();
        var clock = Stopwatch.StartNew();
        try
        {
            await work(folder, cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
        catch
        {
            DeleteWorkingDirectory();
            throw;
        }

        // The stamp names the new output before the swap, so that a crash at any point leaves an output
        // folder this stage still owns: either the old one (rerun, since its hash differs) or the new one.
        var stamp = new StageStamp(Name, inputHash, ContentHash.OfDirectory(folder), _parameters, clock.Elapsed.TotalSeconds);
        AtomicFile.WriteAllText(StampPath, JsonSerializer.Serialize(stamp, s_json));
        if (Directory.Exists(OutputDirectory))
        {
            Directory.Move(OutputDirectory, Path.Combine(WorkingDirectory, PreviousFolderName));
        }

        Directory.Move(folder, OutputDirectory);
        DeleteWorkingDirectory();
        return true;
    }

    private string CreateWorkingDirectory()
    {
        string folder = Path.Combine(WorkingDirectory, WorkFolderName);
        try
        {
            Directory.CreateDirectory(WorkingDirectory);
            File.WriteAllText(Path.Combine(WorkingDirectory, WorkingMarkerFileName), Name + "\n");
            Directory.CreateDirectory(folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            DeleteWorkingDirectoryIfOurs();
            throw new VideoSegException(ErrorCodes.OutputNotWritable, $"the {Name} stage cannot write beside its output '{OutputDirectory}': {ex.Message}", WorkingDirectory, ex);
        }

        return folder;
    }

    private void DeleteWorkingDirectory()
    {
        if (Directory.Exists(WorkingDirectory))
        {
            Directory.Delete(WorkingDirectory, recursive: true);
        }
    }

    private void DeleteWorkingDirectoryIfOurs()
    {
        try
        {
            if (File.Exists(Path.Combine(WorkingDirectory, WorkingMarkerFileName)))
            {
                Directory.Delete(WorkingDirectory, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The folder could not be written in the first place; the error about that is the one to report.
        }
    }
}
