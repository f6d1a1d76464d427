using System.Collections.Generic;
using static TorchSharp.torch;

namespace VideoSeg.Models.Network;

/// <summary>A feature extractor for GWM's head: normalised images (B × 3 × H × W) in, res2..res5 out.</summary>
public abstract class GwmBackbone : nn.Module<Tensor, Tensor[]>
{
    /// <summary>Initialises the module with its name.</summary>
    /// <param name="name">Module name.</param>
    protected GwmBackbone(string name)
        : base(name)
    {
    }

    /// <summary>Channels of res2, res3, res4 and res5.</summary>
    public abstract IReadOnlyList<int> OutputChannels { get; }

    /// <summary>Whether the backbone is frozen: it runs under <c>no_grad</c> and its parameters never receive gradients.</summary>
    public abstract bool IsFrozen { get; }

    /// <summary>
    /// Whether checkpoints hold this backbone's weights. A frozen backbone with a weight source of its own (ResNet18's
    /// NuGet package) is restored from that source instead: it never changes, and leaving it out keeps each checkpoint
    /// at the size of what trains.
    /// </summary>
    public virtual bool IsCheckpointed => true;
}
