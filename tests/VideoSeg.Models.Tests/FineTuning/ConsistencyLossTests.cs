using System;
using VideoSeg.Core;
using VideoSeg.Models.FineTuning;
using Xunit;
using static TorchSharp.torch;

namespace VideoSeg.Models.Tests.FineTuning;

/// <summary>
/// The consistency loss on hand-made masks and flows, against values worked out by hand:
/// softplus(x) = ln(1 + eˣ), so the paper code's ℓ(x, y) = softplus(x) − x·y, and BCE(p, p) = −p·ln p − (1−p)·ln(1−p).
/// </summary>
public sealed class ConsistencyLossTests
{
    private const int Height = 4;
    private const int Width = 6;

    private static readonly ConsistencyLossOptions s_paperUnscaled = ConsistencyLossOptions.PaperCode with { FlowScaleX = 1, FlowScaleY = 1 };

    [Fact]
    public void PaperCodeOnEqualHalfMapsIsSoftplusOfAHalfMinusAQuarterPerTerm()
    {
        using var scope = NewDisposeScope();
        ConsistencyPairBatch batch = Constant(0.5f);

        ConsistencyLossValue value = new ConsistencyLoss(ConsistencyLossOptions.PaperCode).Compute(batch);

        // 2 · (ln(1 + e^0.5) − 0.25) = 1.44815396836…, times the weight 0.03.
        Assert.Equal(1.4481539683602134, value.Consistency, 5);
        Assert.Equal(0.0434446190508064, value.Total.item<float>(), 6);
        Assert.Equal(0.0, value.Deviation);
    }

    [Fact]
    public void CorrectedOnEqualHalfMapsIsTwiceLnTwo()
    {
        using var scope = NewDisposeScope();

        ConsistencyLossValue value = new ConsistencyLoss(ConsistencyLossOptions.Corrected).Compute(Constant(0.5f));

        Assert.Equal(2 * Math.Log(2), value.Consistency, 5);
        Assert.Equal(0.03 * 2 * Math.Log(2), value.Total.item<float>(), 6);
    }

    [Fact]
    public void CorrectedCarriesEachMaskIntoTheOtherFrameSoAMovedObjectCostsNothing()
    {
        using var scope = NewDisposeScope();

        ConsistencyLossValue value = new ConsistencyLoss(ConsistencyLossOptions.Corrected).Compute(MovedColumn());

        Assert.Equal(0.0, value.Consistency, 6);
        Assert.Equal([0], value.FirstChannels);
        Assert.Equal([0], value.SecondChannels);
    }

    [Fact]
    public void PaperCodeSamplesAgainstTheMotion()
    {
        using var scope = NewDisposeScope();

        ConsistencyLossValue value = new ConsistencyLoss(s_paperUnscaled).Compute(MovedColumn());

        // The t→t+1 flow of +1 px, normalised by W−1 and sampled with align_corners=false, reads frame t at
        // x + 1.2: row values (0.2, 0.8, 0, 0, 0, 0) against the target column 3, and symmetrically for the other
        // term, so each term is (softplus(0.2) + softplus(0.8) + 4·softplus(0)) / 6 = 0.79030470959…
        Assert.Equal(1.5806094191897169, value.Consistency, 5);
    }

    [Fact]
    public void PaperCodeScalesTheFlowBeforeWarping()
    {
        using var scope = NewDisposeScope();
        ConsistencyPairBatch moved = MovedColumn();
        ConsistencyPairBatch halved = moved with { Forward = moved.Forward * 0.5, Backward = moved.Backward * 0.5 };

        double scaled = new ConsistencyLoss(s_paperUnscaled with { FlowScaleX = 2 }).Compute(halved).Consistency;

        Assert.Equal(1.5806094191897169, scaled, 5);
    }

    [Fact]
    public void OcclusionWeightsLeaveInvisiblePixelsOut()
    {
        using var scope = NewDisposeScope();
        ConsistencyPairBatch moved = MovedColumn();
        Tensor firstVisible = ones(1, 1, Height, Width);
        firstVisible[.., .., .., TensorIndex.Slice(0, 2)] = 0;
        ConsistencyPairBatch batch = moved with { FirstVisible = firstVisible, SecondVisible = ones(1, 1, Height, Width) };

        ConsistencyLossValue value = new ConsistencyLoss(s_paperUnscaled with { OcclusionWeighted = true }).Compute(batch);

        // The first term keeps columns 2..5, where the warped value is 0: softplus(0) = ln 2 each; the second is unchanged.
        Assert.Equal(Math.Log(2) + 0.7903047095948584, value.Consistency, 5);
    }

    [Fact]
    public void TheDeviationRegulariserIsWeightedByAlphaC()
    {
        using var scope = NewDisposeScope();
        ConsistencyPairBatch batch = Constant(0.5f) with { FirstInitial = full(1, 1, Height, Width, 0.5f), SecondInitial = full(1, 1, Height, Width, 0.5f) };

        ConsistencyLossValue value = new ConsistencyLoss(ConsistencyLossOptions.Corrected with { DeviationWeight = 1.0 }).Compute(batch);

        Assert.Equal(2 * Math.Log(2), value.Deviation, 5);
        Assert.Equal((0.03 * 2 * Math.Log(2)) + (2 * Math.Log(2)), value.Total.item<float>(), 5);
    }

    [Fact]
    public void PaperCodeRewardsGrowingTheForegroundWhileCorrectedIsStationaryWhereMapsAgree()
    {
        using var scope = NewDisposeScope();
        Tensor first = full(1, 2, Height, Width, 0.5f).requires_grad_();
        Tensor second = full(1, 2, Height, Width, 0.5f).requires_grad_();
        var batch = new ConsistencyPairBatch(first, second, zeros(1, 2, Height, Width), zeros(1, 2, Height, Width));

        new ConsistencyLoss(ConsistencyLossOptions.PaperCode).Compute(batch).Total.backward();
        float[] paperGradient = first.grad!.data<float>().ToArray();
        first.grad!.zero_();
        new ConsistencyLoss(ConsistencyLossOptions.Corrected).Compute(batch).Total.backward();
        float[] correctedGradient = first.grad!.data<float>().ToArray();

        // d/dx [softplus(x) − x·y] = σ(x) − y and d/dy = −x: at 0.5 both push the chosen map up.
        Assert.Contains(paperGradient, g => g < 0);
        Assert.DoesNotContain(paperGradient, g => g > 0);
        Assert.All(correctedGradient, g => Assert.Equal(0f, g, 6));
    }

    [Fact]
    public void MismatchedShapesAreOneErrorNamingTheTensor()
    {
        using var scope = NewDisposeScope();
        ConsistencyPairBatch batch = Constant(0.5f) with { Backward = zeros(1, 2, Height, Width + 1) };

        var error = Assert.Throws<VideoSegException>(() => new ConsistencyLoss(ConsistencyLossOptions.Corrected).Compute(batch));

        Assert.Equal(ErrorCodes.SizeMismatch, error.Code);
        Assert.Contains("t+1→t flow", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OcclusionWeightingWithoutVisibilityMapsIsRefused()
    {
        using var scope = NewDisposeScope();

        var error = Assert.Throws<VideoSegException>(() => new ConsistencyLoss(ConsistencyLossOptions.Corrected with { OcclusionWeighted = true }).Compute(Constant(0.5f)));

        Assert.Equal(ErrorCodes.InvalidArgument, error.Code);
    }

    private static ConsistencyPairBatch Constant(float p) =>
        new(full(1, 2, Height, Width, p), full(1, 2, Height, Width, p), zeros(1, 2, Height, Width), zeros(1, 2, Height, Width));

    /// <summary>A one-column object at x = 2 in frame t and x = 3 in frame t+1, with flows of +1 and −1 pixel.</summary>
    private static ConsistencyPairBatch MovedColumn()
    {
        Tensor first = Column(2);
        Tensor second = Column(3);
        Tensor forward = zeros(1, 2, Height, Width);
        forward[.., 0] = 1;
        Tensor backward = zeros(1, 2, Height, Width);
        backward[.., 0] = -1;
        return new ConsistencyPairBatch(first, second, forward, backward);
    }

    /// <summary>Channel 0 is 1 on column <paramref name="x"/> (the smaller, so the foreground), channel 1 its complement.</summary>
    private static Tensor Column(int x)
    {
        Tensor foreground = zeros(1, 1, Height, Width);
        foreground[.., .., .., x] = 1;
        return cat([foreground, 1 - foreground], 1);
    }
}
