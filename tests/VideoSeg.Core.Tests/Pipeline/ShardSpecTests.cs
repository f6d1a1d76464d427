using System;
using System.Linq;
using VideoSeg.Core.Pipeline;
using Xunit;

namespace VideoSeg.Core.Tests.Pipeline;

public sealed class ShardSpecTests
{
    [Fact]
    public void ShardsPartitionTheSortedNamesRoundRobinWhateverTheListsOrder()
    {
        string[] listed = ["e", "a", "d", "b", "c"];

        string[][] shards = Enumerable.Range(0, 2).Select(i => new ShardSpec(i, 2).Select(listed).ToArray()).ToArray();

        // Sorted: a b c d e; shard 0 takes positions 0, 2, 4 and shard 1 positions 1, 3, each kept in the list's order.
        Assert.Equal(["e", "a", "c"], shards[0]);
        Assert.Equal(["d", "b"], shards[1]);
        Assert.Equal(listed, ShardSpec.Whole.Select(listed));
        Assert.Empty(new ShardSpec(5, 6).Select(listed));
    }

    [Theory]
    [InlineData("0/1", 0, 1)]
    [InlineData("3/4", 3, 4)]
    public void ParsesIOverN(string text, int index, int count)
    {
        ShardSpec shard = ShardSpec.Parse(text);

        Assert.Equal(new ShardSpec(index, count), shard);
        Assert.Equal(text, shard.ToString());
        Assert.Equal($"{index}-of-{count}", shard.FolderName);
    }

    [Theory]
    [InlineData("4/4")]
    [InlineData("1/0")]
    [InlineData("-1/2")]
    [InlineData("1")]
    [InlineData("a/b")]
    [InlineData("1/2/3")]
    public void RefusesWhatIsNotAShard(string text)
    {
        VideoSegException error = Assert.Throws<VideoSegException>(() => ShardSpec.Parse(text));

        Assert.Equal(ErrorCodes.InvalidArgument, error.Code);
        Assert.Contains("expected I/N with 0 <= I < N", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AShardOfAStageHasItsOwnFolderAndStampAndTheStagesParametersAndInputs()
    {
        var stage = new IncrementalStage("evaluate", "/r/evaluation").WithParameter("p", 1);

        IncrementalStage shard = stage.ForShard(new ShardSpec(1, 3));

        Assert.Equal("/r/evaluation.shards/1-of-3", shard.OutputDirectory);
        Assert.Equal("/r/evaluation.shards/1-of-3.stamp.json", shard.StampPath);
        Assert.NotEqual(stage.ComputeInputHash(), shard.ComputeInputHash());
        Assert.Equal(shard.ComputeInputHash(), stage.ForShard(new ShardSpec(1, 3)).ComputeInputHash());
    }
}
