using System;
using System.CommandLine;
using System.Threading;
using System.Threading.Tasks;
using VideoSeg.Core;
using VideoSeg.Core.Pipeline;

namespace VideoSeg.Cli.Infrastructure;

/// <summary>
/// The options that say how a stage command runs rather than what it computes: <c>--check</c> on every stage the
/// cluster path submits, and <c>--shard I/N</c> and <c>--merge-shards N</c> on the sharded ones
/// (<see cref="ShardedStage"/>). The scheduler path uses them to skip what is done and to split what is not.
/// </summary>
public sealed class StageControls
{
    private StageControls(bool sharded)
    {
        Check = new Option<bool>("--check") { Description = "Compute nothing: exit 0 when the output (or the --shard) is up to date, 3 when the stage would run." };
        if (sharded)
        {
            Shard = new Option<string>("--shard") { Description = "Compute only shard I of N (I/N, 0 <= I < N): the sequences at sorted positions p with p mod N = I, into <out>.shards/I-of-N/ with its own stamp; then --merge-shards N." };
            MergeShards = new Option<int?>("--merge-shards") { Description = "Assemble the N completed shards into <out> with the stamp an unsharded run writes (every shard must be complete and current)." };
        }
    }

    /// <summary><c>--check</c>.</summary>
    public Option<bool> Check { get; }

    /// <summary><c>--shard I/N</c>, on sharded stages only.</summary>
    public Option<string>? Shard { get; }

    /// <summary><c>--merge-shards N</c>, on sharded stages only.</summary>
    public Option<int?>? MergeShards { get; }

    /// <summary>The controls of a stage that runs whole: <c>--check</c>.</summary>
    public static StageControls ForStage() => new(sharded: false);

    /// <summary>The controls of a sharded stage: <c>--check</c>, <c>--shard</c> and <c>--merge-shards</c>.</summary>
    public static StageControls ForShardedStage() => new(sharded: true);

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Check);
        if (Shard is not null && MergeShards is not null)
        {
            command.Options.Add(Shard);
            command.Options.Add(MergeShards);
        }
    }

    /// <summary>Runs a whole stage, or with <c>--check</c> only says whether it is up to date.</summary>
    public async Task<int> RunAsync(ParseResult parse, IncrementalStage stage, Func<Task<StageOutcome>> run)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(run);
        return parse.GetValue(Check) ? StageRunner.Check(stage) : StageRunner.Report(await run().ConfigureAwait(false));
    }

    /// <summary>Runs a sharded stage as <c>--check</c>, <c>--shard</c> and <c>--merge-shards</c> ask.</summary>
    public async Task<int> RunAsync(ParseResult parse, IShardedStage stage, bool force, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(stage);
        string? shardText = Shard is null ? null : parse.GetValue(Shard);
        int? merge = MergeShards is null ? null : parse.GetValue(MergeShards);
        if (shardText is not null && merge is not null)
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, "--shard and --merge-shards exclude each other: run each shard, then merge them");
        }

        ShardSpec shard = shardText is null ? ShardSpec.Whole : ShardSpec.Parse(shardText);
        if (parse.GetValue(Check))
        {
            IncrementalStage whole = stage.Describe();
            return StageRunner.Check(shard.IsWhole ? whole : whole.ForShard(shard));
        }

        StageOutcome outcome = merge is int count
            ? await stage.MergeShardsAsync(count, force, cancellationToken).ConfigureAwait(false)
            : await stage.RunAsync(shard, force, progress, cancellationToken).ConfigureAwait(false);
        return StageRunner.Report(outcome);
    }
}
