namespace VideoSeg.Data.Synthetic;

/// <summary>An opaque, textured object in a synthetic scene.</summary>
internal sealed class SceneLayer
{
    /// <summary>The name used in the manifest.</summary>
    public required string Name { get; init; }

    /// <summary>The role used in the manifest: main, static, look-alike or occluder.</summary>
    public required string Role { get; init; }

    /// <summary>The outline in object coordinates.</summary>
    public required ObjectShape Shape { get; init; }

    /// <summary>The object-to-world pose over time.</summary>
    public required ObjectTrajectory Trajectory { get; init; }

    /// <summary>The texture, sampled at object coordinates plus <see cref="TextureOffsetX"/>, <see cref="TextureOffsetY"/>.</summary>
    public required ProceduralTexture Texture { get; init; }

    /// <summary>Where in the texture the object's origin lies, x.</summary>
    public double TextureOffsetX { get; init; }

    /// <summary>Where in the texture the object's origin lies, y.</summary>
    public double TextureOffsetY { get; init; }

    /// <summary>A short description of the motion for the manifest.</summary>
    public required string MotionDescription { get; init; }
}
