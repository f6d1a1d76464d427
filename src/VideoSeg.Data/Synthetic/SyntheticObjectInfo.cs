namespace VideoSeg.Data.Synthetic;

/// <summary>One object or attached effect of a synthetic sequence, as suite.json describes it.</summary>
/// <param name="Name">Its name, e.g. "main", "look-alike-2", "shadow".</param>
/// <param name="Role">main, static, look-alike, occluder, shadow or reflection.</param>
/// <param name="Shape">The outline family, e.g. "ellipse", "blob-5".</param>
/// <param name="Radius">The radius in pixels (at scale 1) of a circle holding the outline.</param>
/// <param name="Motion">How it moves.</param>
/// <param name="InGroundTruth">Whether the ground-truth masks include it (only the main object).</param>
/// <param name="AttachedTo">For a shadow or reflection, the object it belongs to.</param>
public sealed record SyntheticObjectInfo(string Name, string Role, string Shape, double Radius, string Motion, bool InGroundTruth, string? AttachedTo);
