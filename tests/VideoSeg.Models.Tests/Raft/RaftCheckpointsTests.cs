using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using VideoSeg.Core;
using VideoSeg.Models.Checkpoints;
using VideoSeg.Models.Raft;
using VideoSeg.TestUtilities;
using Xunit;
using static TorchSharp.torch;

namespace VideoSeg.Models.Tests.Raft;

/// <summary>The strict loader on RAFT state dicts that the tests write as RAFT's files are: bare, from a DataParallel.</summary>
public sealed class RaftCheckpointsTests
{
    [Theory]
    [InlineData("module.")]
    [InlineData("")]
    public void TheModulePrefixedAndThePlainFormBothLoad(string prefix)
    {
        using var temp = new TempDirectory();
        using DisposeScope scope = NewDisposeScope();
        using var source = new RaftNetwork(RaftVariant.Small);
        string path = Write(temp.Combine("raft-small.pth"), RaftStateDict(source, prefix));
        using var target = new RaftNetwork(RaftVariant.Small);

        StateDictLoadReport report = RaftCheckpoints.Load(target, path);

        Assert.Equal(source.state_dict().Count, report.Loaded.Count);
        Assert.True(source.state_dict()["update_block.gru.convq.weight"].equal(target.state_dict()["update_block.gru.convq.weight"]).all().item<bool>());
    }

    [Fact]
    public void BatchNormStatisticsLoadAndTheSharedNormsSecondNameIsAccepted()
    {
        using var temp = new TempDirectory();
        using DisposeScope scope = NewDisposeScope();
        using var source = new RaftNetwork(RaftVariant.Full);
        using (no_grad())
        {
            source.state_dict()["cnet.layer2.0.norm3.running_var"].fill_(2.5);
            source.state_dict()["cnet.norm1.running_mean"].fill_(-0.75);
            source.state_dict()["cnet.norm1.num_batches_tracked"].fill_(1234);
        }

        Dictionary<string, Tensor> weights = RaftStateDict(source, "module.");
        Assert.Contains("module.cnet.layer3.0.downsample.1.running_var", weights.Keys);
        string path = Write(temp.Combine("raft-things.pth"), weights);
        using var target = new RaftNetwork(RaftVariant.Full);

        RaftCheckpoints.Load(target, path);

        Dictionary<string, Tensor> loaded = target.state_dict();
        Assert.Equal(2.5f, loaded["cnet.layer2.0.norm3.running_var"][7].item<float>());
        Assert.Equal(-0.75f, loaded["cnet.norm1.running_mean"][0].item<float>());
        Assert.Equal(1234L, loaded["cnet.norm1.num_batches_tracked"].item<long>());
    }

    [Fact]
    public void ASharedNormWhoseTwoCopiesDifferIsOneErrorNamingBoth()
    {
        using var temp = new TempDirectory();
        using DisposeScope scope = NewDisposeScope();
        using var source = new RaftNetwork(RaftVariant.Full);
        Dictionary<string, Tensor> weights = RaftStateDict(source, "module.");
        weights["module.cnet.layer2.0.downsample.1.running_mean"] = weights["module.cnet.layer2.0.downsample.1.running_mean"] + 1;
        string path = Write(temp.Combine("raft-things.pth"), weights);
        using var target = new RaftNetwork(RaftVariant.Full);

        VideoSegException error = Assert.Throws<VideoSegException>(() => RaftCheckpoints.Load(target, path));

        Assert.Equal(ErrorCodes.BadLayout, error.Code);
        Assert.Contains("'module.cnet.layer2.0.downsample.1.running_mean' and 'module.cnet.layer2.0.norm3.running_mean' differ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingTensorIsOneErrorNamingItAndNothingIsCopied()
    {
        using var temp = new TempDirectory();
        using DisposeScope scope = NewDisposeScope();
        using var source = new RaftNetwork(RaftVariant.Small);
        Dictionary<string, Tensor> weights = RaftStateDict(source, "module.");
        weights.Remove("module.update_block.flow_head.conv2.bias");
        string path = Write(temp.Combine("raft-small.pth"), weights);
        using var target = new RaftNetwork(RaftVariant.Small);
        Tensor before = target.state_dict()["fnet.conv1.weight"].clone();

        VideoSegException error = Assert.Throws<VideoSegException>(() => RaftCheckpoints.Load(target, path));

        Assert.Equal(ErrorCodes.BadLayout, error.Code);
        Assert.Contains("1 missing keys (update_block.flow_head.conv2.bias)", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.True(before.equal(target.state_dict()["fnet.conv1.weight"]).all().item<bool>());
    }

    [Fact]
    public void AnExtraTensorIsOneErrorNamingIt()
    {
        using var temp = new TempDirectory();
        using DisposeScope scope = NewDisposeScope();
        using var source = new RaftNetwork(RaftVariant.Small);
        Dictionary<string, Tensor> weights = RaftStateDict(source, "module.");
        weights["module.fnet.conv3.weight"] = zeros(4);
        string path = Write(temp.Combine("raft-small.pth"), weights);
        using var target = new RaftNetwork(RaftVariant.Small);

        VideoSegException error = Assert.Throws<VideoSegException>(() => RaftCheckpoints.Load(target, path));

        Assert.Equal(ErrorCodes.BadLayout, error.Code);
        Assert.Contains("1 unexpected keys (fnet.conv3.weight (from module.fnet.conv3.weight))", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMisshapenTensorIsOneErrorNamingItWithBothShapes()
    {
        using var temp = new TempDirectory();
        using DisposeScope scope = NewDisposeScope();
        using var source = new RaftNetwork(RaftVariant.Small);
        Dictionary<string, Tensor> weights = RaftStateDict(source, "module.");
        weights["module.fnet.conv1.weight"] = zeros(32, 3, 5, 5);
        string path = Write(temp.Combine("raft-small.pth"), weights);
        using var target = new RaftNetwork(RaftVariant.Small);

        VideoSegException error = Assert.Throws<VideoSegException>(() => RaftCheckpoints.Load(target, path));

        Assert.Equal(ErrorCodes.BadLayout, error.Code);
        Assert.Contains("1 shape mismatches (fnet.conv1.weight: checkpoint [32, 3, 5, 5] vs module [32, 3, 7, 7])", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WeightsOfTheOtherVariantAreOneErrorSayingWhichEstimatorFits()
    {
        using var temp = new TempDirectory();
        using DisposeScope scope = NewDisposeScope();
        using var source = new RaftNetwork(RaftVariant.Small);
        string path = Write(temp.Combine("raft-small.pth"), RaftStateDict(source, "module."));
        using var target = new RaftNetwork(RaftVariant.Full);

        VideoSegException error = Assert.Throws<VideoSegException>(() => RaftCheckpoints.Load(target, path));

        Assert.Equal(ErrorCodes.BadLayout, error.Code);
        Assert.Contains("holds RAFT-small weights, but full RAFT was asked for; use --estimator raft-small", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingFileIsOneErrorNamingIt()
    {
        using var temp = new TempDirectory();
        using var network = new RaftNetwork(RaftVariant.Small);

        VideoSegException error = Assert.Throws<VideoSegException>(() => RaftCheckpoints.Load(network, temp.Combine("raft-things.pth")));

        Assert.Equal(ErrorCodes.MissingFile, error.Code);
        Assert.Contains(temp.Combine("raft-things.pth"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheFixturesKeysAreRaftsAndDetectTheirVariant()
    {
        using var temp = new TempDirectory();
        IReadOnlyDictionary<string, CheckpointTensor> full = StateDict.Extract(PyTorchCheckpoint.Load(RaftFixture.ExtractWeights("raft", temp.Path)));
        IReadOnlyDictionary<string, CheckpointTensor> small = StateDict.Extract(PyTorchCheckpoint.Load(RaftFixture.ExtractWeights("raft-small", temp.Path)));

        Assert.All(full.Keys.Concat(small.Keys), key => Assert.StartsWith("module.", key, StringComparison.Ordinal));
        Assert.Equal(179, full.Count);
        Assert.Equal(106, small.Count);
        Assert.Equal(RaftVariant.Full, RaftCheckpoints.DetectVariant(full));
        Assert.Equal(RaftVariant.Small, RaftCheckpoints.DetectVariant(small));
    }

    /// <summary>The network's state dict as RAFT's file holds it: with <paramref name="prefix"/>, and each shared norm under its second name too.</summary>
    internal static Dictionary<string, Tensor> RaftStateDict(RaftNetwork network, string prefix)
    {
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach ((string key, Tensor value) in network.state_dict())
        {
            Tensor copy = value.detach().clone();
            result[prefix + key] = copy;
            string? norm = new[] { ".norm3.", ".norm4." }.FirstOrDefault(n => key.Contains(n, StringComparison.Ordinal));
            if (norm is not null && key.Contains("cnet.", StringComparison.Ordinal) && network.Variant == RaftVariant.Full)
            {
                result[prefix + key.Replace(norm, ".downsample.1.", StringComparison.Ordinal)] = copy;
            }
        }

        return result;
    }

    private static string Write(string path, Dictionary<string, Tensor> weights)
    {
        PyTorchCheckpointWriter.Write(path, weights, nestUnder: null);
        return path;
    }
}
