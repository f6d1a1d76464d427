namespace VideoSeg.Data.Synthetic;

/// <summary>The difficulties the synthetic suite's scenes exercise; sequences cycle through them in this order.</summary>
public enum SyntheticSceneKind
{
    /// <summary>A textured object moving rigidly and affinely (rotation, scale, shear) over a moving textured background, beside a still object.</summary>
    RigidAffine,

    /// <summary>An object carrying a translucent shadow or reflection that is not part of the ground truth (the paper's Figure 1).</summary>
    AttachedEffect,

    /// <summary>Several identical instances of which only one moves on its own (the paper's Figure 2).</summary>
    LookAlikes,

    /// <summary>A fast object and an occluder passing in front of it, so the ground truth has holes.</summary>
    FastOcclusion,

    /// <summary>An object that moves, stays still for a stretch and moves again.</summary>
    StopAndGo,
}
