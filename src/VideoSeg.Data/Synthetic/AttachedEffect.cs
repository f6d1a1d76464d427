namespace VideoSeg.Data.Synthetic;

/// <summary>
/// A translucent region attached to an object layer: a shadow or a reflection. It moves exactly
/// with its object, changes only the appearance of what lies behind that object, is not opaque
/// (so it never occludes and never enters the ground-truth flow or mask), and is therefore what
/// motion-based segmentation wrongly groups with the object (the paper's Figure 1).
/// </summary>
internal sealed class AttachedEffect
{
    /// <summary>The name used in the manifest.</summary>
    public required string Name { get; init; }

    /// <summary>Shadow or reflection.</summary>
    public required EffectKind Kind { get; init; }

    /// <summary>The index of the object layer the effect belongs to.</summary>
    public required int LayerIndex { get; init; }

    /// <summary>
    /// Maps effect coordinates to the object's coordinates; the effect's region is the object's
    /// outline in effect coordinates, and a reflection shows the object's texture at the same effect coordinates.
    /// </summary>
    public required Affine2 EffectToObject { get; init; }

    /// <summary>The blend weight in (0, 1).</summary>
    public required double Opacity { get; init; }
}
