using System;
using System.Collections.Generic;
using VideoSeg.Models.Loss;
using static TorchSharp.torch;

namespace VideoSeg.Models.Training;

/// <summary>One training batch; disposing it frees both tensors.</summary>
public sealed class FlowPairBatch : IDisposable
{
    /// <summary>Wraps the tensors of one batch.</summary>
    public FlowPairBatch(Tensor images, Tensor flows, IReadOnlyList<GapPairSample> samples)
    {
        Images = images;
        Flows = flows;
        Samples = samples;
    }

    /// <summary>RGB frames, B × 3 × H × W, float32 in 0..255.</summary>
    public Tensor Images { get; }

    /// <summary>The flow of each sample's first gap in pixels (u, v), B × 2 × H × W, float32, unclipped.</summary>
    public Tensor Flows { get; }

    /// <summary>What each row of the batch is.</summary>
    public IReadOnlyList<GapPairSample> Samples { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        Images.Dispose();
        Flows.Dispose();
    }
}
