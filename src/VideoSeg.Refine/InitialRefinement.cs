using System.Collections.Generic;
using System.Threading;
using VideoSeg.Core.Imaging;
using VideoSeg.Flow.Occlusion;
using VideoSeg.Flow.Warping;
using static TorchSharp.torch;

namespace VideoSeg.Refine;

/// <summary>
/// The paper's initial refinement (Sec. 4.2.2, eq. 2): refined_{t+1} = w^f(O^f_t ∧ mask_t) ∨ mask_{t+1},
/// where O^f_t is the visibility (1 = visible) of frame t's pixels under the flow t → t + 1. Frame 0 is
/// unchanged. It can only add pixels, which is why the paper finds it overshoots (72.3 vs 79.5 J on DAVIS).
/// </summary>
/// <remarks>
/// "w^f" (carry frame t's content into frame t + 1) is a backward warp. By default
/// (<see cref="PropagationFlow.TargetToSource"/>) it samples O^f_t ∧ mask_t at x + flow_{t+1→t}(x), the gap −1
/// flow of frame t + 1; the warped soft mask is thresholded strictly above 0.5. The paper's text does not say
/// which flow; SSL-VOS's and the paper code's convention samples with the flow t → t + 1 instead
/// (<see cref="PropagationFlow.SourceToTarget"/>). The paper's code for this experiment is not in the
/// public repository, so the threshold of the warped mask is our choice.
/// </remarks>
public sealed class InitialRefinement : IMaskRefinement
{
    private readonly InitialRefinementOptions _options;

    /// <summary>Creates the refinement with <paramref name="options"/> (defaults when null).</summary>
    public InitialRefinement(InitialRefinementOptions? options = null)
    {
        _options = options ?? new InitialRefinementOptions();
    }

    /// <inheritdoc />
    public string Name => $"initial(warp={_options.Convention},flow={_options.Propagation},thr={_options.Threshold})";

    /// <inheritdoc />
    public IReadOnlyList<BinaryMask> Refine(IReadOnlyList<BinaryMask> masks, SequenceFlows flows, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor refined = Refine(RefinementInputs.StackMasks(masks, flows), flows);
        return FlowTensors.ToMasks(refined);
    }

    /// <summary>Refines (N, 1, H, W) masks of 0 and 1 on the flows' device; returns (N, 1, H, W) floats 0 and 1.</summary>
    public Tensor Refine(Tensor masks, SequenceFlows flows)
    {
        RefinementInputs.CheckTensor(masks, flows);
        using var scope = NewDisposeScope();
        Tensor binary = masks.gt(0.5).to_type(ScalarType.Float32);
        Tensor result = binary.clone();
        if (flows.FrameCount > 1)
        {
            Tensor visibleForeground = flows.Visibility(1) * binary;
            (int start, Tensor warped) = MaskPropagation.CarryInto(visibleForeground, flows, 1, _options.Propagation, _options.Convention);
            Tensor target = result.narrow(0, start, warped.shape[0]);
            target.copy_(maximum(target, warped.gt(_options.Threshold).to_type(ScalarType.Float32)));
        }

        return result.MoveToOuterDisposeScope();
    }
}
