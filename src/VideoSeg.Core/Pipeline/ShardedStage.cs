using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using VideoSeg.Core.IO;

namespace VideoSeg.Core.Pipeline;

/// <summary>
/// How a stage runs in shards and how the shards become one output. Shard I of N works like the whole stage
/// (<see cref="IncrementalStage"/>: a working folder, an atomic swap, a stamp) but on its own sequences
/// (<see cref="ShardSpec.Select"/>) and into its own folder, <c>&lt;output&gt;.shards/I-of-N/</c> with
/// <c>I-of-N.stamp.json</c> beside it, so shards running at once on different nodes never replace one another.
/// The merge is the unsharded stage itself, with the same parameters, inputs and therefore the same input hash and
/// stamp as a run without shards; only its work differs: it checks that all N shard stamps are present and
/// current (same stage, same parameters, same input content, outputs unchanged since) and assembles their files.
/// A local rerun after a merge is therefore up to date, and the stages downstream see the same bytes.
/// </summary>
public static class ShardedStage
{
    /// <summary>The suffix of the folder that holds a stage's shards beside its output.</summary>
    public const string ShardsSuffix = ".shards";

    /// <summary>The folder that holds <paramref name="output"/>'s shards.</summary>
    public static string ShardsRoot(string output) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(output)) + ShardsSuffix;

    /// <summary>The output folder of one shard of <paramref name="output"/>.</summary>
    public static string ShardOutput(string output, ShardSpec shard)
    {
        ArgumentNullException.ThrowIfNull(shard);
        return Path.Combine(ShardsRoot(output), shard.FolderName);
    }

    /// <summary>Runs <paramref name="work"/> for <paramref name="shard"/> of <paramref name="stage"/> (or the whole stage).</summary>
    public static Task<StageOutcome> RunAsync(IncrementalStage stage, ShardSpec shard, Func<string, CancellationToken, Task> work, bool force, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stage);
        ArgumentNullException.ThrowIfNull(shard);
        return (shard.IsWhole ? stage : stage.ForShard(shard)).RunToOutcomeAsync(work, force, cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="stage"/> as the merge of its <paramref name="count"/> shards: unless it is up to date,
    /// verifies every shard (<see cref="VerifyShards"/>) and calls <paramref name="assemble"/> with the shard folders,
    /// in shard order, and the working folder to fill.
    /// </summary>
    public static Task<StageOutcome> MergeAsync(
        IncrementalStage stage,
        int count,
        Action<IReadOnlyList<string>, string, CancellationToken> assemble,
        bool force,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stage);
        ArgumentNullException.ThrowIfNull(assemble);
        if (count < 2)
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, $"--merge-shards {count}: a merge needs at least 2 shards (one shard is the whole stage; run it without --shard)");
        }

        return stage.RunToOutcomeAsync(
            (folder, token) => Task.Run(() => assemble(VerifyShards(stage, count), folder, token), token),
            force,
            cancellationToken);
    }

    /// <summary>
    /// Checks that each of the <paramref name="count"/> shards of <paramref name="stage"/> completed with the current
    /// parameters and inputs and was not changed since; returns their folders in shard order.
    /// </summary>
    /// <exception cref="VideoSegException"><see cref="ErrorCodes.ShardIncomplete"/> naming the first shard that is not.</exception>
    public static IReadOnlyList<string> VerifyShards(IncrementalStage stage, int count)
    {
        ArgumentNullException.ThrowIfNull(stage);
        var folders = new List<string>(count);
        for (int index = 0; index < count; index++)
        {
            var shard = new ShardSpec(index, count);
            IncrementalStage part = stage.ForShard(shard);
            StageStamp? stamp = part.ReadStamp();
            string rerun = $"run 'videoseg {stage.Name} ... --shard {shard}' (or resubmit) before merging";
            if (stamp is null || stamp.Stage != stage.Name || !Directory.Exists(part.OutputDirectory))
            {
                throw new VideoSegException(ErrorCodes.ShardIncomplete, $"shard {shard} of the {stage.Name} stage has not completed: expected its stamp here and its output in '{part.OutputDirectory}'; {rerun}", part.StampPath);
            }

            if (stamp.InputHash != part.ComputeInputHash())
            {
                throw new VideoSegException(ErrorCodes.ShardIncomplete, $"shard {shard} of the {stage.Name} stage was computed from other inputs, parameters or code than this merge's, so it cannot be part of this output; {rerun}", part.StampPath);
            }

            if (stamp.OutputHash != ContentHash.OfDirectory(part.OutputDirectory))
            {
                throw new VideoSegException(ErrorCodes.ShardIncomplete, $"shard {shard} of the {stage.Name} stage changed after it completed (its files no longer hash as its stamp says); {rerun}", part.OutputDirectory);
            }

            folders.Add(part.OutputDirectory);
        }

        return folders;
    }

    /// <summary>
    /// Copies every file of every shard folder into <paramref name="output"/> at the same relative path, except those
    /// <paramref name="exclude"/> names (relative, '/'-separated). A file that several shards wrote must have the
    /// same bytes in each (a stage's run record, written alike by every shard); different bytes are
    /// <see cref="ErrorCodes.ShardIncomplete"/>, since the shards then disagree about the same output.
    /// </summary>
    public static void CopyUnion(IReadOnlyList<string> shardFolders, string output, Func<string, bool>? exclude = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(shardFolders);
        foreach (string folder in shardFolders)
        {
            foreach (string relative in ContentHash.ListFiles(folder).Where(r => exclude is null || !exclude(r)))
            {
                cancellationToken.ThrowIfCancellationRequested();
                string source = Path.Combine(folder, relative);
                string target = Path.Combine(output, relative);
                if (File.Exists(target))
                {
                    if (!File.ReadAllBytes(target).AsSpan().SequenceEqual(File.ReadAllBytes(source)))
                    {
                        throw new VideoSegException(ErrorCodes.ShardIncomplete, $"two shards wrote '{relative}' with different contents; shards must write disjoint files or identical ones", source);
                    }

                    continue;
                }

                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(source, target);
            }
        }
    }
}
