using System;
using VideoSeg.Core;
using VideoSeg.Core.Experiments;
using VideoSeg.Flow.Warping;
using VideoSeg.Models.Foreground;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace VideoSeg.Models.FineTuning;

/// <summary>
/// The flow-warping consistency loss of the seed paper's Sec. 4.3, in both forms (<see cref="ConsistencyLossForm"/>).
/// For each pair the foreground channel of each frame is chosen by the paper's corner rule on the current
/// prediction (<see cref="CornerRuleSelector"/>, <c>select_mask</c>, decided per frame and never with the ground
/// truth), and with m_t, m_{t+1} the chosen probability maps:
/// <list type="bullet">
/// <item><description>paper code: ℓ(W(m_t, F_t→t+1), m_{t+1}) + ℓ(W(m_{t+1}, F_t+1→t), m_t), ℓ = <c>BCEWithLogits</c>
/// on probabilities, targets not detached, so ℓ(x, y) = softplus(x) − x·y, which is smallest at x = y = 1 and
/// rewards growing the foreground;</description></item>
/// <item><description>corrected: BCE(W(m_t, F_t+1→t), sg(m_{t+1})) + BCE(W(m_{t+1}, F_t→t+1), sg(m_t)), each warp
/// carrying a mask into the other frame.</description></item>
/// </list>
/// W(m, F)(x) = m(x + F(x)), bilinear, zeros outside. Each ℓ is a mean over pixels, weighted by the visibility of the
/// pixels of the frame the flow is defined on when <see cref="ConsistencyLossOptions.OcclusionWeighted"/>. The deviation
/// regulariser adds ℓ_d(m_t, m_t^init) + ℓ_d(m_{t+1}, m_{t+1}^init), with ℓ_d the form's ℓ (SSL-VOS's own is
/// <c>BCEWithLogits</c>, which the paper-code form keeps).
/// </summary>
public sealed class ConsistencyLoss
{
    private readonly ConsistencyLossOptions _options;
    private readonly CornerRuleSelector _selector = new();

    /// <summary>Creates the loss; the options are validated.</summary>
    public ConsistencyLoss(ConsistencyLossOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
    }

    /// <summary>The options in use.</summary>
    public ConsistencyLossOptions Options => _options;

    /// <summary>The loss of <paramref name="batch"/>, summed over its pairs.</summary>
    public ConsistencyLossValue Compute(ConsistencyPairBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        Check(batch);
        if (_options.OcclusionWeighted && (batch.FirstVisible is null || batch.SecondVisible is null))
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, "the occlusion-weighted consistency loss needs both frames' visibility maps");
        }

        if (_options.DeviationWeight > 0 && (batch.FirstInitial is null || batch.SecondInitial is null))
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, "the deviation regulariser needs the starting model's foreground maps of both frames");
        }

        bool paper = _options.Form == ConsistencyLossForm.PaperCode;
        WarpConvention convention = paper ? WarpConvention.PaperConsistencyCode : WarpConvention.PixelExact;
        long pairs = batch.First.shape[0];
        var firstChannels = new int[pairs];
        var secondChannels = new int[pairs];
        Tensor scale = tensor(new float[] { (float)_options.FlowScaleX, (float)_options.FlowScaleY }, device: batch.Forward.device).view(1, 2, 1, 1);
        Tensor forward = batch.Forward * scale;
        Tensor backward = batch.Backward * scale;
        Tensor consistency = zeros(1, device: batch.First.device).squeeze();
        Tensor deviation = zeros(1, device: batch.First.device).squeeze();
        for (long b = 0; b < pairs; b++)
        {
            using (no_grad())
            {
                firstChannels[b] = _selector.Select(new ForegroundCandidates(batch.First[b]));
                secondChannels[b] = _selector.Select(new ForegroundCandidates(batch.Second[b]));
            }

            Tensor first = batch.First[b].narrow(0, firstChannels[b], 1).unsqueeze(0);
            Tensor second = batch.Second[b].narrow(0, secondChannels[b], 1).unsqueeze(0);
            Tensor forwardFlow = forward.narrow(0, b, 1);
            Tensor backwardFlow = backward.narrow(0, b, 1);
            Tensor? firstVisible = _options.OcclusionWeighted ? batch.FirstVisible!.narrow(0, b, 1) : null;
            Tensor? secondVisible = _options.OcclusionWeighted ? batch.SecondVisible!.narrow(0, b, 1) : null;
            if (paper)
            {
                // lossSSL: mask_forward = warp(m_t, flow), compared with m_{t+1}; mask_backward = warp(m_{t+1}, r_flow), with m_t.
                consistency = consistency
                    + Term(FlowWarp.Backward(first, forwardFlow, convention), second, firstVisible, logits: true)
                    + Term(FlowWarp.Backward(second, backwardFlow, convention), first, secondVisible, logits: true);
            }
            else
            {
                consistency = consistency
                    + Term(FlowWarp.Backward(first, backwardFlow, convention), second.detach(), secondVisible, logits: false)
                    + Term(FlowWarp.Backward(second, forwardFlow, convention), first.detach(), firstVisible, logits: false);
            }

            if (_options.DeviationWeight > 0)
            {
                deviation = deviation
                    + Term(first, batch.FirstInitial!.narrow(0, b, 1).detach(), null, logits: paper)
                    + Term(second, batch.SecondInitial!.narrow(0, b, 1).detach(), null, logits: paper);
            }
        }

        Tensor total = (consistency * _options.Weight) + (deviation * _options.DeviationWeight);
        return new ConsistencyLossValue(total, consistency.item<float>(), deviation.item<float>(), firstChannels, secondChannels);
    }

    /// <summary>One mean (or visibility-weighted mean) cross-entropy over the pixels of (1, 1, H, W) maps.</summary>
    private static Tensor Term(Tensor input, Tensor target, Tensor? weight, bool logits)
    {
        Tensor perPixel = logits
            ? binary_cross_entropy_with_logits(input, target, reduction: nn.Reduction.None)
            : binary_cross_entropy(input.clamp(0.0, 1.0), target, reduction: nn.Reduction.None);
        return weight is null
            ? perPixel.mean()
            : (perPixel * weight).sum() / weight.sum().clamp_min(1.0);
    }

    private static void Check(ConsistencyPairBatch batch)
    {
        long[] shape = batch.First.shape;
        if (shape.Length != 4 || shape[1] != 2)
        {
            throw new VideoSegException(ErrorCodes.SizeMismatch, $"the consistency loss expects (B, 2, H, W) probabilities, got [{string.Join(",", shape)}]");
        }

        Require(batch.Second, [shape[0], 2, shape[2], shape[3]], "frame t+1's probabilities");
        Require(batch.Forward, [shape[0], 2, shape[2], shape[3]], "the t→t+1 flow");
        Require(batch.Backward, [shape[0], 2, shape[2], shape[3]], "the t+1→t flow");
        foreach ((Tensor? map, string what) in new[] { (batch.FirstVisible, "frame t's visibility"), (batch.SecondVisible, "frame t+1's visibility"), (batch.FirstInitial, "frame t's starting map"), (batch.SecondInitial, "frame t+1's starting map") })
        {
            if (map is not null)
            {
                Require(map, [shape[0], 1, shape[2], shape[3]], what);
            }
        }
    }

    private static void Require(Tensor tensor, long[] expected, string what)
    {
        if (!tensor.shape.AsSpan().SequenceEqual(expected))
        {
            throw new VideoSegException(ErrorCodes.SizeMismatch, $"{what}: expected [{string.Join(",", expected)}], got [{string.Join(",", tensor.shape)}]");
        }
    }
}
