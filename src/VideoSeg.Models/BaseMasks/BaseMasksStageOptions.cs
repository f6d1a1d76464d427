using VideoSeg.Flow.Devices;
using VideoSeg.Models.Foreground;

namespace VideoSeg.Models.BaseMasks;

/// <summary>What the base-masks stage reads, where its masks come from and where it writes.</summary>
/// <param name="Dataset">The suite root in the DAVIS layout.</param>
/// <param name="Flows">The flows stage's output; the masks come out at its resolution.</param>
/// <param name="Output">Where <c>&lt;seq&gt;/&lt;stem&gt;.png</c> go.</param>
/// <param name="Source">Where the masks come from.</param>
/// <param name="Import">For <see cref="BaseMaskSourceKind.Import"/>: a folder of <c>&lt;seq&gt;/&lt;stem&gt;.png</c> masks (any resolution).</param>
/// <param name="Model">For <see cref="BaseMaskSourceKind.Gwm"/>: a training folder (its latest <c>checkpoint_*.pth</c> is used) or a .pth file.</param>
/// <param name="Selector">For <see cref="BaseMaskSourceKind.Gwm"/>: which of the two merged masks is the foreground.</param>
/// <param name="Queries">For <see cref="BaseMaskSourceKind.Gwm"/>: the K of a network our trainer exported (GWM's checkpoints carry their own).</param>
/// <param name="BackboneWeights">For GWM's published checkpoint: DINO's ViT-B/8 weights, which it does not hold.</param>
/// <param name="MergeWeights">For <see cref="BaseMaskSourceKind.Gwm"/>: DINO's ViT-S/8 weights for GWM's K→2 merging; without them the network's backbone features are used.</param>
/// <param name="Device">The device, resolved once by the caller.</param>
public sealed record BaseMasksStageOptions(
    string Dataset,
    string Flows,
    string Output,
    BaseMaskSourceKind Source,
    string? Import,
    string? Model,
    ForegroundSelectorKind Selector,
    int Queries,
    string? BackboneWeights,
    string? MergeWeights,
    DeviceChoice Device);
