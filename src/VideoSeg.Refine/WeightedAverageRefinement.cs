using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using VideoSeg.Core;
using VideoSeg.Core.Imaging;
using VideoSeg.Flow.Occlusion;
using VideoSeg.Flow.Warping;
using static TorchSharp.torch;

namespace VideoSeg.Refine;

/// <summary>
/// The paper's weighted average refinement (Sec. 4.2.3, eqs. 3–7). For each gap g, with O^f_s the visibility
/// of frame s under its flow s → s + g and O^b_s under s → s − g:
/// prop^f = w^f(O^f_{t−g} ∧ mask_{t−g}), prop^b = w^b(O^b_{t+g} ∧ mask_{t+g}),
/// O^f_new = w^f(O^f_{t−g}), O^b_new = w^b(O^b_{t+g});
/// weightedSum = Σ_g (1/g)(prop^f + prop^b), normalizer = Σ_g (1/g)(O^f_new + O^b_new);
/// pixel = weightedSum / normalizer &gt; 0.5. Terms whose neighbour lies outside the sequence are left out.
/// </summary>
/// <remarks>
/// The warped maps are kept soft (bilinear) inside the sums; only the ratio is thresholded. Where the
/// normalizer is 0 (no visible neighbour and <see cref="WeightedAverageRefinementOptions.IncludeCurrent"/> off)
/// the pixel keeps mask_t. w^f and w^b are backward warps with the flows chosen by
/// <see cref="WeightedAverageRefinementOptions.Propagation"/> (see <see cref="InitialRefinement"/>). The paper's
/// code for this experiment is not in the public repository.
/// </remarks>
public sealed class WeightedAverageRefinement : IMaskRefinement
{
    private readonly WeightedAverageRefinementOptions _options;

    /// <summary>Creates the refinement; gaps must be distinct positive integers.</summary>
    public WeightedAverageRefinement(WeightedAverageRefinementOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Gaps);
        if (options.Gaps.Count == 0 || options.Gaps.Any(g => g <= 0) || options.Gaps.Distinct().Count() != options.Gaps.Count)
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, $"weighted average gaps must be distinct positive integers, got {{{string.Join(", ", options.Gaps)}}}");
        }

        _options = options;
    }

    /// <inheritdoc />
    public string Name =>
        $"weighted-average(gaps={string.Join("+", _options.Gaps)},current={_options.IncludeCurrent},warp={_options.Convention},flow={_options.Propagation},thr={_options.Threshold})";

    /// <inheritdoc />
    public IReadOnlyList<BinaryMask> Refine(IReadOnlyList<BinaryMask> masks, SequenceFlows flows, CancellationToken cancellationToken)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor refined = Refine(RefinementInputs.StackMasks(masks, flows), flows, cancellationToken);
        return FlowTensors.ToMasks(refined);
    }

    /// <summary>Refines (N, 1, H, W) masks of 0 and 1 on the flows' device; returns (N, 1, H, W) floats 0 and 1.</summary>
    public Tensor Refine(Tensor masks, SequenceFlows flows, CancellationToken cancellationToken = default)
    {
        RefinementInputs.CheckTensor(masks, flows);
        using var scope = NewDisposeScope();
        Tensor binary = masks.gt(0.5).to_type(ScalarType.Float32);
        Tensor weightedSum = _options.IncludeCurrent ? binary.clone() : zeros_like(binary);
        Tensor normalizer = _options.IncludeCurrent ? ones_like(binary) : zeros_like(binary);
        foreach (int gap in _options.Gaps)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (gap >= flows.FrameCount)
            {
                continue;
            }

            double weight = 1.0 / gap;
            // Forward: frame t − g carried into t (delta +g), backward: frame t + g carried into t (delta −g).
            foreach (int delta in new[] { gap, -gap })
            {
                Tensor visibility = flows.Visibility(delta);
                Tensor both = cat([visibility * binary, visibility], dim: 1);
                (int start, Tensor warped) = MaskPropagation.CarryInto(both, flows, delta, _options.Propagation, _options.Convention);
                long count = warped.shape[0];
                weightedSum.narrow(0, start, count).add_(warped.narrow(1, 0, 1), alpha: weight);
                normalizer.narrow(0, start, count).add_(warped.narrow(1, 1, 1), alpha: weight);
            }
        }

        Tensor ratioAbove = (weightedSum / normalizer.clamp_min(1e-12)).gt(_options.Threshold).to_type(ScalarType.Float32);
        return where(normalizer.gt(0), ratioAbove, binary).MoveToOuterDisposeScope();
    }
}
