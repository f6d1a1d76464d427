using VideoSeg.Flow.Occlusion;
using VideoSeg.Flow.Warping;
using static TorchSharp.torch;

namespace VideoSeg.Refine;

/// <summary>Carries per-frame maps of a whole sequence into neighbouring frames in one batched warp.</summary>
internal static class MaskPropagation
{
    /// <summary>
    /// Warps <paramref name="values"/> (N, C, H, W) of every source frame s into target frame t = s + delta.
    /// Returns the first target frame and a (K, C, H, W) tensor for targets start … start + K − 1.
    /// </summary>
    internal static (int TargetStart, Tensor Warped) CarryInto(Tensor values, SequenceFlows flows, int delta, PropagationFlow propagation, WarpConvention convention)
    {
        int frameCount = flows.FrameCount;
        // Targets t with a source t − delta inside the sequence.
        (int targetStart, int count) = SequenceFlows.ValidRange(-delta, frameCount);
        int sourceStart = targetStart - delta;
        Tensor sources = values.narrow(0, sourceStart, count);
        Tensor flow = propagation == PropagationFlow.TargetToSource
            ? flows.Flows(-delta).narrow(0, targetStart, count)
            : flows.Flows(delta).narrow(0, sourceStart, count);
        return (targetStart, FlowWarp.Backward(sources, flow, convention));
    }
}
