using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TorchSharp.Modules;
using VideoSeg.Core;
using VideoSeg.Models.Checkpoints;
using VideoSeg.Models.Tests.Network;
using VideoSeg.TestUtilities;
using Xunit;
using static TorchSharp.torch;

namespace VideoSeg.Models.Tests.Checkpoints;

[Collection(nameof(SharedTorchGenerator))]
public sealed class ResumeCheckpointFileTests
{
    private const string Magic = "VideoSeg test resume 1";

    [Fact]
    public void TheStateWrittenIsTheStateRead_KeyByKey()
    {
        using var folder = new TempDirectory();
        string path = Path.Combine(folder.Path, "resume.vsckpt");
        using Linear written = nn.Linear(3, 2);
        using Linear read = nn.Linear(3, 2);
        Write(path, written.state_dict(), written);

        int iteration = Read(path, read.state_dict(), read);

        Assert.Equal(7, iteration);
        Assert.True(read.weight!.allclose(written.weight!, rtol: 0, atol: 0));
        Assert.True(read.bias!.allclose(written.bias!, rtol: 0, atol: 0));
    }

    [Fact]
    public void AFileWithFewerOrOtherWeights_IsOneErrorNamingTheFile()
    {
        using var folder = new TempDirectory();
        string path = Path.Combine(folder.Path, "resume.vsckpt");
        using Linear module = nn.Linear(3, 2);
        Dictionary<string, Tensor> weightOnly = module.state_dict().Where(p => p.Key == "weight").ToDictionary(p => p.Key, p => p.Value);
        Write(path, weightOnly, module);

        var fewer = Assert.Throws<VideoSegException>(() => Read(path, module.state_dict(), module));
        Assert.Contains("holds 1 weight tensors; this network checkpoints 2", fewer.Message, StringComparison.Ordinal);
        Assert.Equal(path, fewer.Path);

        Dictionary<string, Tensor> renamed = new() { ["other"] = module.weight! };
        var other = Assert.Throws<VideoSegException>(() => Read(path, renamed, module));
        Assert.Contains("the weight 'weight', which this network does not checkpoint", other.Message, StringComparison.Ordinal);
    }

    private static void Write(string path, IReadOnlyDictionary<string, Tensor> state, Linear module)
    {
        using AdamW optimizer = optim.AdamW(module.parameters());
        ResumeCheckpointFile.Write(path, Magic, "signature", 7, writer => writer.Write(0), state, optimizer);
    }

    private static int Read(string path, IReadOnlyDictionary<string, Tensor> state, Linear module)
    {
        using AdamW optimizer = optim.AdamW(module.parameters());
        return ResumeCheckpointFile.Read(path, Magic, "signature", "test checkpoint", "other options", (reader, _) => reader.ReadInt32(), state, optimizer);
    }
}
