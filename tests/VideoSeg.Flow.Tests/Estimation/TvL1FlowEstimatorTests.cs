using System;
using System.Collections.Generic;
using System.Threading;
using VideoSeg.Core;
using VideoSeg.Core.Imaging;
using VideoSeg.Flow.Estimation;
using VideoSeg.TestUtilities;
using Xunit;
using Xunit.Abstractions;

namespace VideoSeg.Flow.Tests.Estimation;

public sealed class TvL1FlowEstimatorTests
{
    private const int Width = 128;
    private const int Height = 96;

    // Pixels this close to the border may see content entering the frame, which no flow can explain.
    private const int Margin = 8;

    // The mean EPEs measured on the nine samples were 3.42 px (accurate) and 3.53 px (fast); the bounds leave room for
    // floating-point differences between machines and devices.
    private const double AccurateBound = 3.55;
    private const double FastBound = 3.65;

    private readonly ITestOutputHelper _output;

    public TvL1FlowEstimatorTests(ITestOutputHelper output) => _output = output;

    [Theory]
    [InlineData(3.0, -2.0)]
    [InlineData(1.4, 0.65)]
    [InlineData(-4.3, 2.7)]
    public void Recovers_a_global_translation_of_a_smooth_texture(double shiftX, double shiftY)
    {
        var texture = new SmoothTexture(seed: 7);
        RgbImage source = texture.Render(Width, Height);
        RgbImage target = texture.Render(Width, Height, shiftX, shiftY);

        FlowField flow = new TvL1FlowEstimator().Estimate([source], [target], CancellationToken.None)[0];

        double error = InteriorEndPointError(flow, shiftX, shiftY);
        _output.WriteLine($"interior EPE {error:F4} px for ({shiftX}, {shiftY})");
        Assert.True(error < 0.1, $"interior EPE {error:F4} px for a ({shiftX}, {shiftY}) translation");
    }

    [Fact]
    public void Fast_preset_also_recovers_a_translation()
    {
        var texture = new SmoothTexture(seed: 11);
        RgbImage source = texture.Render(Width, Height);
        RgbImage target = texture.Render(Width, Height, 2.5, 1.25);

        FlowField flow = new TvL1FlowEstimator(TvL1Options.Fast).Estimate([source], [target], CancellationToken.None)[0];

        double error = InteriorEndPointError(flow, 2.5, 1.25);
        _output.WriteLine($"interior EPE {error:F4} px");
        Assert.True(error < 0.25, $"interior EPE {error:F4} px");
    }

    [Fact]
    public void Identical_frames_give_zero_flow()
    {
        RgbImage frame = new SmoothTexture(seed: 3).Render(Width, Height);

        FlowField flow = new TvL1FlowEstimator().Estimate([frame], [frame], CancellationToken.None)[0];

        Assert.Equal(Width, flow.Width);
        Assert.Equal(Height, flow.Height);
        Assert.All(flow.Data, value => Assert.True(Math.Abs(value) < 1e-4, $"flow value {value} on identical frames"));
    }

    [Fact]
    public void A_pair_gets_the_same_flow_alone_and_in_a_batch()
    {
        var sources = new List<RgbImage>();
        var targets = new List<RgbImage>();
        for (int i = 0; i < 3; i++)
        {
            var texture = new SmoothTexture(seed: 20 + i);
            sources.Add(texture.Render(Width, Height));
            targets.Add(texture.Render(Width, Height, 1.5 * (i + 1), -0.75 * i));
        }

        var estimator = new TvL1FlowEstimator();
        IReadOnlyList<FlowField> batch = estimator.Estimate(sources, targets, CancellationToken.None);
        FlowField alone = estimator.Estimate([sources[1]], [targets[1]], CancellationToken.None)[0];

        Assert.Equal(3, batch.Count);
        double largest = 0;
        for (int i = 0; i < alone.Data.Length; i++)
        {
            largest = Math.Max(largest, Math.Abs(alone.Data[i] - batch[1].Data[i]));
        }

        Assert.True(largest < 1e-3, $"batched and single results differ by up to {largest} px");
        Assert.True(InteriorEndPointError(batch[0], 1.5, 0) < 0.1);
        Assert.True(InteriorEndPointError(batch[2], 4.5, -1.5) < 0.1);
    }

    [Fact]
    public void Pairs_of_different_sizes_are_rejected()
    {
        var texture = new SmoothTexture(seed: 1);
        RgbImage[] sources = [texture.Render(Width, Height), texture.Render(Width, Height)];
        RgbImage[] targets = [texture.Render(Width, Height), texture.Render(Width + 2, Height)];

        var error = Assert.Throws<VideoSegException>(() => new TvL1FlowEstimator().Estimate(sources, targets, CancellationToken.None));

        Assert.Equal(ErrorCodes.SizeMismatch, error.Code);
        Assert.Contains("target frame 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unequal_source_and_target_counts_are_rejected()
    {
        RgbImage frame = new SmoothTexture(seed: 1).Render(32, 32);

        var error = Assert.Throws<VideoSegException>(() => new TvL1FlowEstimator().Estimate([frame, frame], [frame], CancellationToken.None));

        Assert.Equal(ErrorCodes.InvalidArgument, error.Code);
    }

    [Fact]
    public void An_empty_batch_gives_no_flows()
    {
        Assert.Empty(new TvL1FlowEstimator().Estimate([], [], CancellationToken.None));
    }

    [Fact]
    public void Invalid_options_are_rejected_with_their_name()
    {
        var error = Assert.Throws<VideoSegException>(() => new TvL1FlowEstimator(TvL1Options.Accurate with { MedianFilterSize = 4 }));

        Assert.Equal(ErrorCodes.InvalidArgument, error.Code);
        Assert.Contains(nameof(TvL1Options.MedianFilterSize), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cancelled_token_stops_the_estimate()
    {
        RgbImage frame = new SmoothTexture(seed: 1).Render(32, 32);
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => new TvL1FlowEstimator().Estimate([frame], [frame], cancellation.Token));
    }

    [SkippableFact]
    public void Accurate_preset_meets_its_FlyingChairs_bound()
    {
        string folder = SharedData.RequirePath("flyingchairs-samples");

        FlowBenchmarkResult result = FlyingChairsBenchmark.Run(folder, new TvL1FlowEstimator(TvL1Options.Accurate), CancellationToken.None);

        _output.WriteLine($"mean EPE {result.MeanEndPointError:F3} px over {result.Pairs.Count} pairs");
        Assert.Equal(9, result.Pairs.Count);
        Assert.True(result.MeanEndPointError <= AccurateBound, $"mean EPE {result.MeanEndPointError:F3} px");
    }

    [SkippableFact]
    public void Fast_preset_meets_its_FlyingChairs_bound()
    {
        string folder = SharedData.RequirePath("flyingchairs-samples");

        FlowBenchmarkResult result = FlyingChairsBenchmark.Run(folder, new TvL1FlowEstimator(TvL1Options.Fast), CancellationToken.None);

        _output.WriteLine($"mean EPE {result.MeanEndPointError:F3} px over {result.Pairs.Count} pairs");
        Assert.True(result.MeanEndPointError <= FastBound, $"mean EPE {result.MeanEndPointError:F3} px");
    }

    private static double InteriorEndPointError(FlowField flow, double u, double v)
    {
        double sum = 0;
        int count = 0;
        for (int y = Margin; y < flow.Height - Margin; y++)
        {
            for (int x = Margin; x < flow.Width - Margin; x++)
            {
                sum += Math.Sqrt(Math.Pow(flow.U(x, y) - u, 2) + Math.Pow(flow.V(x, y) - v, 2));
                count++;
            }
        }

        return sum / count;
    }
}
