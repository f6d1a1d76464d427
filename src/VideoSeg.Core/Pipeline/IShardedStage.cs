using System;
using System.Threading;
using System.Threading.Tasks;

namespace VideoSeg.Core.Pipeline;

/// <summary>
/// A stage that can run one shard of its sequences at a time (<c>--shard I/N</c>) and assemble the shards into
/// the output an unsharded run writes, byte for byte (<c>--merge-shards N</c>); see <see cref="ShardedStage"/>.
/// </summary>
public interface IShardedStage
{
    /// <summary>The unsharded stage: output, stamp, parameters and inputs.</summary>
    public IncrementalStage Describe();

    /// <summary>Runs <paramref name="shard"/> (the whole stage for <see cref="ShardSpec.Whole"/>) unless it is up to date.</summary>
    public Task<StageOutcome> RunAsync(ShardSpec shard, bool force, IProgress<StageProgress>? progress, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the stage's normal output and stamp from its <paramref name="count"/> completed shards, unless it is up
    /// to date; a missing, unfinished or stale shard is <see cref="ErrorCodes.ShardIncomplete"/>.
    /// </summary>
    public Task<StageOutcome> MergeShardsAsync(int count, bool force, CancellationToken cancellationToken);
}
