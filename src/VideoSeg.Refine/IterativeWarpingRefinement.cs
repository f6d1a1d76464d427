using System;
using System.Collections.Generic;
using System.Threading;
using VideoSeg.Core;
using VideoSeg.Core.Imaging;
using VideoSeg.Flow.Occlusion;
using VideoSeg.Flow.Warping;
using static TorchSharp.torch;

namespace VideoSeg.Refine;

/// <summary>
/// The paper's iterative warping (Sec. 5.3, Figure 7): on SOFT masks,
/// M_t ← α·M_t + (1−α)·(w^f(M_{t−1}) + w^b(M_{t+1})), every frame updated from the previous iterate (a Jacobi
/// sweep, as <c>iterative_warping.py</c> computes all warps before updating any frame); the first and last frames
/// use the one neighbour they have. Masks are thresholded at 0.5 only for evaluation.
/// </summary>
/// <remarks>
/// Differences between the paper's text and its code (magdyhasan/guess-what-moves-optimization
/// <c>src/iterative_warping.py</c>), all selectable through <see cref="IterativeWarpingRefinementOptions"/>:
/// <list type="bullet">
/// <item>The code's warp omits the division of the flow by (W−1, H−1) and adds 2·flow in pixels to the
/// normalised grid (<see cref="WarpConvention.PaperIterativeCode"/>), so almost every warped value is zero
/// padding and the update mostly decays M by α per sweep.</item>
/// <item>The code warps M_i with the flow i → i + 1 and assigns it to frame i + 1
/// (<see cref="PropagationFlow.SourceToTarget"/>).</item>
/// <item>Its data set (<c>flow_ssl_vid_detectron_single.py</c>) loads the ARFlow arrays, then overwrites them
/// with RAFT .flo files resized to 128×224 (nearest, rescaled), and reads the "reverse" flow from
/// <c>Flows_gap1</c> under the file names listed in <c>Flows_gap-1</c>, which looks like a slip; this harness
/// uses the true flow t + 1 → t.</item>
/// <item>The code starts from the oracle-selected softmax channel of GWM's 4-query output; the text speaks of
/// "the binary mask output". <see cref="RefineSoft"/> accepts either.</item>
/// </list>
/// </remarks>
public sealed class IterativeWarpingRefinement : IMaskRefinement
{
    private readonly IterativeWarpingRefinementOptions _options;

    /// <summary>Creates the refinement; needs 0 ≤ α ≤ 1 and at least one iteration.</summary>
    public IterativeWarpingRefinement(IterativeWarpingRefinementOptions? options = null)
    {
        _options = options ?? new IterativeWarpingRefinementOptions();
        if (_options.Iterations < 1 || !(_options.Alpha >= 0f && _options.Alpha <= 1f))
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, $"iterative warping needs 0 ≤ alpha ≤ 1 and iterations ≥ 1, got alpha {_options.Alpha}, iterations {_options.Iterations}");
        }
    }

    /// <inheritdoc />
    public string Name =>
        $"iterative(alpha={_options.Alpha},iters={_options.Iterations},{(_options.NormalizeWeights ? "normalized" : "paper-weights")},warp={_options.Convention},flow={_options.Propagation},thr={_options.Threshold})";

    /// <inheritdoc />
    public IReadOnlyList<BinaryMask> Refine(IReadOnlyList<BinaryMask> masks, SequenceFlows flows, CancellationToken cancellationToken)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor soft = RefineSoft(RefinementInputs.StackMasks(masks, flows), flows, cancellationToken);
        return FlowTensors.ToMasks(soft, _options.Threshold);
    }

    /// <summary>
    /// The thresholded masks after each iteration 1 … <see cref="IterativeWarpingRefinementOptions.Iterations"/>
    /// (element k − 1 holds iteration k), for the J-versus-iterations curve.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<BinaryMask>> RefineAllIterations(IReadOnlyList<BinaryMask> masks, SequenceFlows flows, CancellationToken cancellationToken)
    {
        var perIteration = new List<IReadOnlyList<BinaryMask>>(_options.Iterations);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Iterate(RefinementInputs.StackMasks(masks, flows), flows, (_, soft) => perIteration.Add(FlowTensors.ToMasks(soft, _options.Threshold)), cancellationToken);
        return perIteration;
    }

    /// <summary>Runs all iterations on (N, 1, H, W) soft masks (e.g. GWM probabilities) and returns the final soft masks.</summary>
    public Tensor RefineSoft(Tensor softMasks, SequenceFlows flows, CancellationToken cancellationToken = default)
    {
        using var scope = NewDisposeScope();
        Tensor last = Iterate(softMasks, flows, null, cancellationToken);
        return last.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Runs the iterations, calling <paramref name="onIteration"/> with the iteration number (1-based) and the soft
    /// masks after it; the tensor passed is valid only during the call. Returns the final soft masks.
    /// </summary>
    public Tensor Iterate(Tensor softMasks, SequenceFlows flows, Action<int, Tensor>? onIteration, CancellationToken cancellationToken = default)
    {
        RefinementInputs.CheckTensor(softMasks, flows);
        int frameCount = flows.FrameCount;
        Tensor current = softMasks.to_type(ScalarType.Float32).clone();
        if (frameCount < 2)
        {
            for (int k = 1; k <= _options.Iterations; k++)
            {
                onIteration?.Invoke(k, current);
            }

            return current;
        }

        // Per-frame neighbour count: 1 on the first and last frames, 2 inside.
        Tensor neighbourCount = full(new long[] { frameCount, 1, 1, 1 }, 2f, device: flows.Device);
        neighbourCount[0] = tensor(1f);
        neighbourCount[frameCount - 1] = tensor(1f);
        for (int k = 1; k <= _options.Iterations; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            Tensor neighbours = zeros_like(current);
            (int fromPrevious, Tensor forward) = MaskPropagation.CarryInto(current, flows, 1, _options.Propagation, _options.Convention);
            neighbours.narrow(0, fromPrevious, forward.shape[0]).add_(forward);
            (int fromNext, Tensor backward) = MaskPropagation.CarryInto(current, flows, -1, _options.Propagation, _options.Convention);
            neighbours.narrow(0, fromNext, backward.shape[0]).add_(backward);
            if (_options.NormalizeWeights)
            {
                neighbours = neighbours / neighbourCount;
            }

            Tensor next = (_options.Alpha * current) + ((1f - _options.Alpha) * neighbours);
            current.Dispose();
            current = next.MoveToOuterDisposeScope();
            onIteration?.Invoke(k, current);
        }

        return current;
    }
}
