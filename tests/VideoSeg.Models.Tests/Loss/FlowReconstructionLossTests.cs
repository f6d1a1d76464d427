using System;
using VideoSeg.Core;
using VideoSeg.Models.Loss;
using Xunit;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace VideoSeg.Models.Tests.Loss;

public sealed class FlowReconstructionLossTests
{
    [Fact]
    public void Compute_IsTheWeightedMeanSquaredErrorOfTheFit()
    {
        using var scope = NewDisposeScope();
        Tensor logits = randn(2, 3, 16, 24, generator: new TorchSharp.torch.Generator(7));
        Tensor flow = randn(2, 2, 16, 24, generator: new TorchSharp.torch.Generator(8)) * 3;
        var loss = new FlowReconstructionLoss();

        double value = loss.Compute(logits, flow).item<float>();

        MotionModelSolution fit = MotionModelFit.Solve(softmax(logits, 1), flow);
        double expected = 0.03 * (fit.Reconstruction - flow).square().mean().item<float>();
        Assert.Equal(expected, value, 1e-6);
        Assert.True(value > 0);
    }

    [Fact]
    public void Compute_MasksThatMatchTheMotions_GiveAZeroLoss()
    {
        using var scope = NewDisposeScope();
        Tensor foreground = SyntheticFlows.Rectangle(32, 48, 8, 12, 24, 36, ScalarType.Float64);
        Tensor flow = SyntheticFlows.TwoRegions(foreground, ScalarType.Float64);
        Tensor logits = cat([1 - foreground, foreground], 1) * 60;

        double value = new FlowReconstructionLoss().Compute(logits, flow).item<double>();

        Assert.True(value < 1e-12, $"loss {value}");
    }

    [Fact]
    public void Compute_GradientsReachTheLogitsFiniteAndNonZero()
    {
        using var scope = NewDisposeScope();
        Tensor foreground = SyntheticFlows.Rectangle(32, 48, 8, 12, 24, 36, ScalarType.Float32);
        Tensor flow = SyntheticFlows.TwoRegions(foreground, ScalarType.Float32);
        Tensor logits = (randn(2, 4, 16, 24, generator: new TorchSharp.torch.Generator(3)) * 0.1).requires_grad_();

        Tensor loss = new FlowReconstructionLoss().Compute(logits, flow.expand(2, 2, 32, 48));
        loss.backward();

        Assert.NotNull(logits.grad);
        Assert.True(logits.grad.isfinite().all().item<bool>());
        Assert.True(logits.grad.abs().max().item<float>() > 0);
    }

    [Fact]
    public void Compute_AdamOnFreeLogits_SeparatesTwoMotions()
    {
        using var scope = NewDisposeScope();
        const long Height = 32;
        const long Width = 48;
        Tensor foreground = SyntheticFlows.Rectangle(Height, Width, 8, 12, 24, 36, ScalarType.Float32);
        Tensor flow = SyntheticFlows.TwoRegions(foreground, ScalarType.Float32);
        var logits = new TorchSharp.Modules.Parameter(randn(1, 2, Height, Width, generator: new TorchSharp.torch.Generator(11)) * 0.01);
        var loss = new FlowReconstructionLoss();
        using var optimizer = TorchSharp.torch.optim.Adam([logits], lr: 0.1);

        double initial = double.NaN;
        double final = double.NaN;
        for (int step = 0; step < 60; step++)
        {
            using var stepScope = NewDisposeScope();
            optimizer.zero_grad();
            Tensor value = loss.Compute(logits, flow);
            value.backward();
            optimizer.step();
            final = value.item<float>();
            if (step == 0)
            {
                initial = final;
            }
        }

        Assert.True(final < initial / 20, $"loss {initial} → {final}");
        Tensor predicted = softmax(logits, 1).argmax(1).eq(1);
        Tensor truth = foreground[0, 0].to_type(ScalarType.Bool).unsqueeze(0);
        double iou = Math.Max(Iou(predicted, truth), Iou(predicted.logical_not(), truth));
        Assert.True(iou > 0.9, $"IoU {iou}");
    }

    [Fact]
    public void Compute_AnEmptySegment_StaysFinite()
    {
        using var scope = NewDisposeScope();
        Tensor flow = SyntheticFlows.Quadratic(SyntheticFlows.Background, 32, 48, ScalarType.Float32);
        Tensor logits = cat([full(1, 1, 32, 48, 50f), full(1, 1, 32, 48, -50f), zeros(1, 1, 32, 48)], 1).requires_grad_();

        Tensor loss = new FlowReconstructionLoss().Compute(logits, flow);
        loss.backward();

        Assert.True(loss.isfinite().item<bool>());
        Assert.True(loss.item<float>() < 1e-6);
        Assert.True(logits.grad is not null && logits.grad.isfinite().all().item<bool>());
    }

    [Fact]
    public void Compute_ClipsTheFlowAtTwentyPixels()
    {
        using var scope = NewDisposeScope();
        Tensor logits = zeros(1, 1, 8, 12);
        Tensor flow = full(1, 2, 8, 12, 5f);
        flow[0, 0, 2, 3] = 100f;
        flow[0, 1, 4, 5] = -300f;

        double clipped = new FlowReconstructionLoss().Compute(logits, flow).item<float>();
        double reference = new FlowReconstructionLoss().Compute(logits, flow.clamp(-20, 20)).item<float>();
        double unclipped = new FlowReconstructionLoss(new FlowReconstructionLossOptions { FlowClip = double.PositiveInfinity })
            .Compute(logits, flow).item<float>();

        Assert.Equal(reference, clipped, 1e-6);
        Assert.True(unclipped > clipped * 10, $"unclipped {unclipped}, clipped {clipped}");
    }

    [Fact]
    public void MaskProbabilities_MatchesBilinearWithoutAlignedCorners()
    {
        using var scope = NewDisposeScope();
        Tensor logits = randn(1, 2, 3, 4, dtype: ScalarType.Float64, generator: new TorchSharp.torch.Generator(5));

        Tensor upsampled = FlowReconstructionLoss.MaskProbabilities(logits, 7, 10);

        Tensor probabilities = softmax(logits, 1);
        Assert.Equal([1L, 2L, 7L, 10L], upsampled.shape);
        for (long k = 0; k < 2; k++)
        {
            for (long row = 0; row < 7; row++)
            {
                for (long column = 0; column < 10; column++)
                {
                    double expected = BilinearHalfPixel(probabilities[0, k], row, column, 7, 10);
                    Assert.Equal(expected, upsampled[0, k, row, column].item<double>(), 1e-12);
                }
            }
        }
    }

    [Fact]
    public void MaskProbabilities_AtTheFlowSize_IsTheSoftmaxOverSegments()
    {
        using var scope = NewDisposeScope();
        Tensor logits = randn(2, 4, 5, 6, dtype: ScalarType.Float64, generator: new TorchSharp.torch.Generator(9));

        Tensor probabilities = FlowReconstructionLoss.MaskProbabilities(logits, 5, 6);

        Assert.True(probabilities.sum(1).allclose(ones(2, 5, 6, dtype: ScalarType.Float64)));
        Assert.True(probabilities.allclose(logits.exp() / logits.exp().sum(1, keepdim: true)));
    }

    [Fact]
    public void Compute_RejectsAFlowWithoutTwoChannels()
    {
        using var scope = NewDisposeScope();
        VideoSegException error = Assert.Throws<VideoSegException>(() => new FlowReconstructionLoss().Compute(zeros(1, 2, 4, 4), zeros(1, 3, 4, 4)));
        Assert.Equal(ErrorCodes.InvalidArgument, error.Code);
    }

    // PyTorch's align_corners=False: source = (destination + 0.5) · in/out − 0.5, clamped below at 0.
    private static double BilinearHalfPixel(Tensor image, long row, long column, long outHeight, long outWidth)
    {
        long inHeight = image.shape[0];
        long inWidth = image.shape[1];
        (long r0, long r1, double rw) = Source(row, inHeight, outHeight);
        (long c0, long c1, double cw) = Source(column, inWidth, outWidth);
        double top = ((1 - cw) * image[r0, c0].item<double>()) + (cw * image[r0, c1].item<double>());
        double bottom = ((1 - cw) * image[r1, c0].item<double>()) + (cw * image[r1, c1].item<double>());
        return ((1 - rw) * top) + (rw * bottom);
    }

    private static (long Low, long High, double Weight) Source(long destination, long inSize, long outSize)
    {
        double source = Math.Max(((destination + 0.5) * inSize / outSize) - 0.5, 0);
        long low = Math.Min((long)Math.Floor(source), inSize - 1);
        long high = Math.Min(low + 1, inSize - 1);
        return (low, high, source - low);
    }

    private static double Iou(Tensor predicted, Tensor truth)
    {
        double intersection = predicted.logical_and(truth).sum().item<long>();
        double union = predicted.logical_or(truth).sum().item<long>();
        return intersection / union;
    }
}
