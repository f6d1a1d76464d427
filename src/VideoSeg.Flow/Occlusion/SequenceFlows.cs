using System;
using System.Collections.Generic;
using System.Linq;
using VideoSeg.Core;
using VideoSeg.Core.Imaging;
using VideoSeg.Flow.Warping;
using static TorchSharp.torch;

namespace VideoSeg.Flow.Occlusion;

/// <summary>
/// The flows of one sequence of N frames, per gap g (e.g. ±1, ±2), held as one (N, 2, H, W) tensor per
/// gap so that refinements run over all frames at once: row t is the flow from frame t to frame t + g,
/// and rows whose target t + g lies outside the sequence are zero and never read (<see cref="HasFlow"/>).
/// Where both g and −g are present it also holds the visibility masks (N, 1, H, W), 1 = visible, of the
/// flow t → t + g, computed by <see cref="UnFlowOcclusion"/> from the pair (flow t→t+g, flow t+g→t).
/// Owns its tensors (they belong to no dispose scope): dispose it.
/// </summary>
public sealed class SequenceFlows : IDisposable
{
    private readonly Dictionary<int, Tensor> _flows;
    private readonly Dictionary<int, Tensor> _visibility;

    private SequenceFlows(int frameCount, int width, int height, Device device, Dictionary<int, Tensor> flows, Dictionary<int, Tensor> visibility, OcclusionOptions? occlusion)
    {
        FrameCount = frameCount;
        Width = width;
        Height = height;
        Device = device;
        _flows = flows;
        _visibility = visibility;
        Occlusion = occlusion;
    }

    /// <summary>The number of frames N.</summary>
    public int FrameCount { get; }

    /// <summary>Frame width in pixels.</summary>
    public int Width { get; }

    /// <summary>Frame height in pixels.</summary>
    public int Height { get; }

    /// <summary>The device holding every tensor.</summary>
    public Device Device { get; }

    /// <summary>The occlusion settings the visibility masks were computed with; null when none were computed.</summary>
    public OcclusionOptions? Occlusion { get; }

    /// <summary>The gaps with flows, ascending.</summary>
    public IReadOnlyList<int> Gaps => _flows.Keys.Order().ToArray();

    /// <summary>Whether the flow from frame <paramref name="frame"/> with gap <paramref name="gap"/> exists.</summary>
    public bool HasFlow(int gap, int frame) =>
        _flows.ContainsKey(gap) && frame >= 0 && frame < FrameCount && frame + gap >= 0 && frame + gap < FrameCount;

    /// <summary>Whether visibility masks were computed for <paramref name="gap"/>.</summary>
    public bool HasVisibility(int gap) => _visibility.ContainsKey(gap);

    /// <summary>The (N, 2, H, W) flows of <paramref name="gap"/>; rows without a target are zero.</summary>
    public Tensor Flows(int gap) =>
        _flows.TryGetValue(gap, out Tensor? flows)
            ? flows
            : throw new VideoSegException(ErrorCodes.InvalidArgument, $"no flows with gap {gap}; this sequence has gaps {string.Join(", ", Gaps)}");

    /// <summary>The (N, 1, H, W) visibility (1 = visible) of the flows of <paramref name="gap"/>; rows without a target are zero.</summary>
    public Tensor Visibility(int gap) =>
        _visibility.TryGetValue(gap, out Tensor? visibility)
            ? visibility
            : throw new VideoSegException(ErrorCodes.InvalidArgument, $"no visibility masks for gap {gap}: they need flows with gaps {gap} and {-gap}");

    /// <summary>The flow from frame <paramref name="frame"/> to frame + <paramref name="gap"/>, or null where that frame is outside.</summary>
    public FlowField? GetFlow(int gap, int frame) => HasFlow(gap, frame) ? FlowTensors.ToFlowField(Flows(gap), frame) : null;

    /// <summary>The visibility mask of that flow, or null where the flow does not exist.</summary>
    public BinaryMask? GetVisibility(int gap, int frame)
    {
        if (!HasFlow(gap, frame))
        {
            return null;
        }

        using var scope = NewDisposeScope();
        return FlowTensors.ToMasks(Visibility(gap).narrow(0, frame, 1))[0];
    }

    /// <summary>
    /// Builds from Core flow fields: for each gap, a list of N entries where entry t is the flow t → t + g,
    /// null exactly where t + g is outside the sequence. Visibility is computed for every gap whose opposite
    /// gap is also given, unless <paramref name="occlusion"/> is null.
    /// </summary>
    public static SequenceFlows FromFlowFields(int frameCount, IReadOnlyDictionary<int, IReadOnlyList<FlowField?>> flowsByGap, OcclusionOptions? occlusion, Device device)
    {
        ArgumentNullException.ThrowIfNull(flowsByGap);
        ArgumentNullException.ThrowIfNull(device);
        var tensors = new Dictionary<int, Tensor>();
        foreach ((int gap, IReadOnlyList<FlowField?> flows) in flowsByGap)
        {
            if (flows.Count != frameCount)
            {
                throw new VideoSegException(ErrorCodes.InvalidArgument, $"gap {gap} lists {flows.Count} flows for a sequence of {frameCount} frames");
            }

            FlowField? any = flows.FirstOrDefault(f => f is not null);
            if (any is null)
            {
                continue;
            }

            var filled = new FlowField[frameCount];
            for (int t = 0; t < frameCount; t++)
            {
                bool expected = t + gap >= 0 && t + gap < frameCount;
                FlowField? flow = flows[t];
                if (expected && flow is null)
                {
                    throw new VideoSegException(ErrorCodes.MissingFile, $"the flow from frame {t} with gap {gap} is missing");
                }

                filled[t] = expected && flow is not null ? flow : new FlowField(any.Width, any.Height);
            }

            tensors[gap] = FlowTensors.FromFlowFields(filled, device);
        }

        try
        {
            return FromTensors(tensors, occlusion);
        }
        finally
        {
            foreach (Tensor flow in tensors.Values)
            {
                flow.Dispose();
            }
        }
    }

    /// <summary>
    /// Replaces the visibility of <paramref name="gap"/> with precomputed masks (1 = visible), e.g. the ones the
    /// occlusions stage saved: entry t belongs to the flow t → t + gap and is ignored (zeroed) where that flow does
    /// not exist. Returns this instance.
    /// </summary>
    public SequenceFlows WithVisibility(int gap, IReadOnlyList<BinaryMask?> masks)
    {
        ArgumentNullException.ThrowIfNull(masks);
        if (masks.Count != FrameCount)
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, $"gap {gap}: {masks.Count} visibility masks for a sequence of {FrameCount} frames");
        }

        var filled = new BinaryMask[FrameCount];
        for (int t = 0; t < FrameCount; t++)
        {
            BinaryMask? mask = masks[t];
            if (HasFlow(gap, t) && mask is null)
            {
                throw new VideoSegException(ErrorCodes.MissingFile, $"the visibility mask of the flow from frame {t} with gap {gap} is missing");
            }

            if (mask is not null && (mask.Width != Width || mask.Height != Height))
            {
                throw new VideoSegException(ErrorCodes.SizeMismatch, $"gap {gap}, frame {t}: the visibility mask is {mask.Width}×{mask.Height} but the flows are {Width}×{Height}");
            }

            filled[t] = HasFlow(gap, t) ? mask! : new BinaryMask(Width, Height);
        }

        using var scope = NewDisposeScope();
        Tensor visibility = FlowTensors.FromMasks(filled, Device);
        ZeroRowsWithoutTarget(visibility, gap, FrameCount);
        if (_visibility.Remove(gap, out Tensor? previous))
        {
            previous.Dispose();
        }

        _visibility[gap] = visibility.DetachFromDisposeScope();
        return this;
    }

    /// <summary>
    /// Builds from (N, 2, H, W) tensors per gap (row t = flow t → t + g; rows without a target are ignored and
    /// zeroed). The tensors are copied, so the caller keeps ownership of its own.
    /// </summary>
    public static SequenceFlows FromTensors(IReadOnlyDictionary<int, Tensor> flowsByGap, OcclusionOptions? occlusion)
    {
        ArgumentNullException.ThrowIfNull(flowsByGap);
        if (flowsByGap.Count == 0)
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, "a sequence needs flows for at least one gap");
        }

        Tensor first = flowsByGap.Values.First();
        if (first.dim() != 4 || first.shape[1] != 2)
        {
            throw new VideoSegException(ErrorCodes.SizeMismatch, $"flows must be (N, 2, H, W), got [{string.Join(",", first.shape)}]");
        }

        int frameCount = (int)first.shape[0];
        int height = (int)first.shape[2];
        int width = (int)first.shape[3];
        Device device = first.device;
        var flows = new Dictionary<int, Tensor>();
        var visibility = new Dictionary<int, Tensor>();
        using (var scope = NewDisposeScope())
        using (var noGrad = no_grad())
        {
            foreach ((int gap, Tensor flow) in flowsByGap)
            {
                if (gap == 0 || !flow.shape.AsSpan().SequenceEqual(first.shape) || flow.device_type != device.type || flow.device_index != device.index)
                {
                    throw new VideoSegException(
                        ErrorCodes.SizeMismatch,
                        $"gap {gap}: flows must share shape [{string.Join(",", first.shape)}] and device {device}, got [{string.Join(",", flow.shape)}] on {flow.device}, and gap 0 is not a flow");
                }

                Tensor copy = flow.to_type(ScalarType.Float32).clone();
                ZeroRowsWithoutTarget(copy, gap, frameCount);
                flows[gap] = copy.DetachFromDisposeScope();
            }

            if (occlusion is not null)
            {
                foreach (int gap in flows.Keys)
                {
                    if (flows.TryGetValue(-gap, out Tensor? opposite))
                    {
                        visibility[gap] = ComputeVisibility(flows[gap], opposite, gap, frameCount, occlusion).DetachFromDisposeScope();
                    }
                }
            }
        }

        return new SequenceFlows(frameCount, width, height, device, flows, visibility, occlusion);
    }

    /// <summary>Frees the tensors.</summary>
    public void Dispose()
    {
        foreach (Tensor t in _flows.Values)
        {
            t.Dispose();
        }

        foreach (Tensor t in _visibility.Values)
        {
            t.Dispose();
        }

        _flows.Clear();
        _visibility.Clear();
    }

    /// <summary>The first frame with a flow of gap <paramref name="gap"/> in a sequence of <paramref name="frameCount"/> frames, and how many frames have one.</summary>
    public static (int Start, int Count) ValidRange(int gap, int frameCount) =>
        (Math.Max(0, -gap), Math.Max(0, frameCount - Math.Abs(gap)));

    private static void ZeroRowsWithoutTarget(Tensor flows, int gap, int frameCount)
    {
        (int start, int count) = ValidRange(gap, frameCount);
        if (start > 0)
        {
            flows.narrow(0, 0, Math.Min(start, frameCount)).zero_();
        }

        int end = start + count;
        if (end < frameCount)
        {
            flows.narrow(0, end, frameCount - end).zero_();
        }
    }

    private static Tensor ComputeVisibility(Tensor forward, Tensor backward, int gap, int frameCount, OcclusionOptions occlusion)
    {
        // Row t of gap g pairs with row t + g of gap −g: one batched call for the whole sequence.
        (int start, int count) = ValidRange(gap, frameCount);
        Tensor result = zeros(forward.shape[0], 1, forward.shape[2], forward.shape[3], device: forward.device);
        if (count > 0)
        {
            Tensor visible = UnFlowOcclusion.Visibility(forward.narrow(0, start, count), backward.narrow(0, start + gap, count), occlusion);
            result.narrow(0, start, count).copy_(visible);
        }

        return result;
    }
}
