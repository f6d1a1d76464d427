using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using VideoSeg.Core.Imaging;
using VideoSeg.Models.Checkpoints;
using VideoSeg.Models.Raft;
using VideoSeg.Models.Tests.Network;
using VideoSeg.TestUtilities;
using Xunit;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace VideoSeg.Models.Tests.Raft;

// RAFT's forward pass holds the process-wide no-GC region, as GwmTrainer's steps do: never both at once.
/// <summary>
/// The port against princeton-vl/RAFT itself: the weights RAFT's code saved load strictly, and the flows of two pairs
/// of 148×124 frames (padded to 152×128 by InputPadder's 'sintel' mode) match what RAFT computed with them.
/// </summary>
/// <remarks>
/// Tolerance, <see cref="Tolerance"/> px: the two runs differ only in float32 rounding (libtorch 2.10 here, PyTorch 1.13
/// there: other convolution kernels and summation orders), which the iterations carry along, because each update's
/// correlation lookup is bilinear in the position the previous updates reached. Measured on the development machine:
/// at most 4.7e-6 px after one iteration of full RAFT, 4.7e-5 px after 12 (flows up to 30 px) and 3.9e-5 px for
/// RAFT-small after 12 (flows up to 33 px). The bound is 20 times the largest of those, and four orders of magnitude below
/// what one wrong bias does (9.6 px, <see cref="AWrongWeightMovesTheFlowFarOutsideTheTolerance"/>).
/// </remarks>
[Collection(nameof(SharedTorchGenerator))]
public sealed class RaftAgreementTests
{
    private const double Tolerance = 1e-3;
    private readonly ITestOutputHelper _output;

    public RaftAgreementTests(ITestOutputHelper output) => _output = output;

    [Theory]
    [InlineData("raft", RaftVariant.Full, 1)]
    [InlineData("raft", RaftVariant.Full, RaftFixture.Iterations)]
    [InlineData("raft-small", RaftVariant.Small, RaftFixture.Iterations)]
    public void TheFlowMatchesRaftsOwnOutput(string name, RaftVariant variant, int iterations)
    {
        using var temp = new TempDirectory();
        using var network = new RaftNetwork(variant);
        StateDictLoadReport report = RaftCheckpoints.Load(network, RaftFixture.ExtractWeights(name, temp.Path));
        using var estimator = new RaftFlowEstimator(network, new RaftOptions(variant, iterations), CPU);

        IReadOnlyList<FlowField> flows = estimator.Estimate(RaftFixture.Frames("image1"), RaftFixture.Frames("image2"), CancellationToken.None);

        (double maximum, double mean, double largest) = Compare(flows, RaftFixture.Flow($"{name}_flow_iters{iterations}"));
        _output.WriteLine($"{name}, {iterations} iterations: {report.Loaded.Count} tensors loaded; max |ours − RAFT| = {maximum:E2} px, mean {mean:E2} px, RAFT's largest |flow| {largest:F1} px");
        Assert.Empty(report.Dropped);
        Assert.InRange(maximum, 0, Tolerance);
    }

    [Fact]
    public void AWrongWeightMovesTheFlowFarOutsideTheTolerance()
    {
        using var temp = new TempDirectory();
        using var network = new RaftNetwork(RaftVariant.Full);
        RaftCheckpoints.Load(network, RaftFixture.ExtractWeights("raft", temp.Path));
        using (no_grad())
        {
            // One bias of the flow head's last convolution off by a tenth of a pixel per update.
            network.state_dict()["update_block.flow_head.conv2.bias"][0].add_(0.1);
        }

        using var estimator = new RaftFlowEstimator(network, new RaftOptions(RaftVariant.Full, RaftFixture.Iterations), CPU);
        IReadOnlyList<FlowField> flows = estimator.Estimate(RaftFixture.Frames("image1"), RaftFixture.Frames("image2"), CancellationToken.None);

        (double maximum, _, _) = Compare(flows, RaftFixture.Flow($"raft_flow_iters{RaftFixture.Iterations}"));
        _output.WriteLine($"with one wrong bias: max |ours − RAFT| = {maximum:F2} px");
        Assert.True(maximum > 100 * Tolerance, $"a wrong weight moved the flow by only {maximum} px");
    }

    private static (double Maximum, double Mean, double Largest) Compare(IReadOnlyList<FlowField> flows, (long[] Shape, double[] Data) reference)
    {
        Assert.Equal(new long[] { flows.Count, 2, RaftFixture.Height, RaftFixture.Width }, reference.Shape);
        int plane = RaftFixture.Width * RaftFixture.Height;
        double maximum = 0;
        double sum = 0;
        for (int i = 0; i < flows.Count; i++)
        {
            Assert.Equal(RaftFixture.Width, flows[i].Width);
            Assert.Equal(RaftFixture.Height, flows[i].Height);
            for (int c = 0; c < 2; c++)
            {
                for (int p = 0; p < plane; p++)
                {
                    double difference = Math.Abs(flows[i].Data[(2 * p) + c] - reference.Data[(((i * 2) + c) * plane) + p]);
                    maximum = Math.Max(maximum, difference);
                    sum += difference;
                }
            }
        }

        return (maximum, sum / reference.Data.Length, reference.Data.Max(Math.Abs));
    }
}
