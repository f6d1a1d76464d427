using System.Linq;
using VideoSeg.Core;
using VideoSeg.Core.FineTuning;
using VideoSeg.Core.Imaging;
using VideoSeg.Models.FineTuning;
using VideoSeg.Models.Network;
using VideoSeg.Models.Tests.Network;
using VideoSeg.Models.Tests.Training;
using VideoSeg.TestUtilities;
using Xunit;
using static TorchSharp.torch;

namespace VideoSeg.Models.Tests.FineTuning;

[Collection(nameof(SharedTorchGenerator))]
public sealed class FineTuningSequenceTests
{
    private const int Height = 48;
    private const int Width = 64;

    [Fact]
    public void FromTensorsKeepsTheTensorsAndNumbersTheFrames()
    {
        Tensor frames = rand(3, 3, Height, Width).mul_(255);
        Tensor forward = randn(2, 2, Height, Width);
        Tensor backward = randn(2, 2, Height, Width);

        using FineTuningSequence data = FineTuningSequence.FromTensors("random", frames, forward, backward, Truths(3));

        Assert.Equal("random", data.Name);
        Assert.Equal(["00000", "00001", "00002"], data.Stems);
        Assert.Equal(3, data.FrameCount);
        Assert.Equal(2, data.PairCount);
        Assert.Same(frames, data.Frames);
        Assert.Same(forward, data.Forward);
        Assert.Same(backward, data.Backward);
        Assert.Null(data.FirstVisible);
        Assert.Null(data.SecondVisible);
    }

    [Fact]
    public void FromTensorsRejectsFlowsOfAnotherSizeAndAMissingTruth()
    {
        using Tensor frames = rand(3, 3, Height, Width);
        using Tensor flows = randn(2, 2, Height, Width);
        using Tensor wide = randn(2, 2, Height, Width + 1);
        using Tensor onePair = randn(1, 2, Height, Width);

        Assert.Equal(ErrorCodes.SizeMismatch, Assert.Throws<VideoSegException>(() => FineTuningSequence.FromTensors("s", frames, wide, flows, Truths(3))).Code);
        Assert.Equal(ErrorCodes.SizeMismatch, Assert.Throws<VideoSegException>(() => FineTuningSequence.FromTensors("s", frames, flows, onePair, Truths(3))).Code);
        Assert.Equal(ErrorCodes.SizeMismatch, Assert.Throws<VideoSegException>(() => FineTuningSequence.FromTensors("s", frames, flows, flows, Truths(2))).Code);
        Assert.Equal(ErrorCodes.SizeMismatch, Assert.Throws<VideoSegException>(() => FineTuningSequence.FromTensors("s", frames[..1], flows[..0], flows[..0], Truths(1))).Code);
    }

    [Fact]
    public void ATunerStepsOnASequenceFromTensors()
    {
        using var temp = new TempDirectory();
        manual_seed(5);
        using var network = new GwmNetwork(TrainingTestOptions.Tiny(1).EffectiveNetwork);
        using FineTuningSequence data = FineTuningSequence.FromTensors("random", rand(3, 3, Height, Width).mul_(255), randn(2, 2, Height, Width).mul_(3), randn(2, 2, Height, Width).mul_(3), Truths(3));
        var options = new FineTuningOptions { BatchSize = 2, LearningRate = 1e-3, InputHeight = Height, InputWidth = Width };
        using var tuner = new ConsistencyFineTuner(network, data, options, temp.Path, snapshotFrame: 0);
        float[][] before = tuner.Trainable.Select(p => p.data<float>().ToArray()).ToArray();
        network.train();

        FineTuningStepRow row = tuner.Step();

        Assert.True(double.IsFinite(row.Loss) && row.Loss > 0, $"loss {row.Loss}");
        Assert.Contains(tuner.Trainable.Select((p, i) => (p, i)), pair => !pair.p.data<float>().ToArray().SequenceEqual(before[pair.i]));
    }

    private static BinaryMask[] Truths(int count) => Enumerable.Range(0, count).Select(_ => new BinaryMask(Width, Height)).ToArray();
}
