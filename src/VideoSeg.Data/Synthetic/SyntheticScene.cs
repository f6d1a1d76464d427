using System.Collections.Generic;

namespace VideoSeg.Data.Synthetic;

/// <summary>
/// A complete synthetic scene: a camera looking at a textured, infinite background plane and
/// opaque textured objects stacked back to front, plus translucent effects attached to objects.
/// Every position is analytic, so frames, masks, flows and visibility all follow exactly from it.
/// </summary>
internal sealed record SyntheticScene
{
    /// <summary>The sequence name.</summary>
    public required string Name { get; init; }

    /// <summary>What the scene tests.</summary>
    public required SyntheticSceneKind Kind { get; init; }

    /// <summary>The variant within the kind, e.g. "shadow" or "reflection".</summary>
    public required string Variant { get; init; }

    /// <summary>The seed the scene was built from.</summary>
    public required long Seed { get; init; }

    /// <summary>The number of frames.</summary>
    public required int FrameCount { get; init; }

    /// <summary>Frame width in pixels.</summary>
    public required int Width { get; init; }

    /// <summary>Frame height in pixels.</summary>
    public required int Height { get; init; }

    /// <summary>The camera's motion.</summary>
    public required CameraMotion Camera { get; init; }

    /// <summary>The background texture, indexed by world coordinates.</summary>
    public required ProceduralTexture Background { get; init; }

    /// <summary>The opaque objects, back to front.</summary>
    public required IReadOnlyList<SceneLayer> Layers { get; init; }

    /// <summary>The translucent effects, applied in this order.</summary>
    public required IReadOnlyList<AttachedEffect> Effects { get; init; }

    /// <summary>The index in <see cref="Layers"/> of the object the ground-truth masks show.</summary>
    public required int MainLayerIndex { get; init; }
}
