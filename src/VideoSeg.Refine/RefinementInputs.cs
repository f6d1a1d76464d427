using System;
using System.Collections.Generic;
using VideoSeg.Core;
using VideoSeg.Core.Imaging;
using VideoSeg.Flow.Occlusion;
using VideoSeg.Flow.Warping;
using static TorchSharp.torch;

namespace VideoSeg.Refine;

/// <summary>Checks that a sequence's masks match its flows and stacks them on the flows' device.</summary>
internal static class RefinementInputs
{
    internal static Tensor StackMasks(IReadOnlyList<BinaryMask> masks, SequenceFlows flows)
    {
        ArgumentNullException.ThrowIfNull(masks);
        ArgumentNullException.ThrowIfNull(flows);
        if (masks.Count != flows.FrameCount)
        {
            throw new VideoSegException(ErrorCodes.SizeMismatch, $"{masks.Count} masks for a sequence with flows for {flows.FrameCount} frames");
        }

        if (masks.Count > 0 && (masks[0].Width != flows.Width || masks[0].Height != flows.Height))
        {
            throw new VideoSegException(ErrorCodes.SizeMismatch, $"masks are {masks[0].Width}×{masks[0].Height} but flows are {flows.Width}×{flows.Height}");
        }

        return FlowTensors.FromMasks(masks, flows.Device);
    }

    internal static void CheckTensor(Tensor masks, SequenceFlows flows)
    {
        ArgumentNullException.ThrowIfNull(masks);
        ArgumentNullException.ThrowIfNull(flows);
        if (masks.dim() != 4 || masks.shape[0] != flows.FrameCount || masks.shape[1] != 1 || masks.shape[2] != flows.Height || masks.shape[3] != flows.Width)
        {
            throw new VideoSegException(
                ErrorCodes.SizeMismatch,
                $"masks must be ({flows.FrameCount}, 1, {flows.Height}, {flows.Width}) to match the flows, got [{string.Join(",", masks.shape)}]");
        }
    }
}
