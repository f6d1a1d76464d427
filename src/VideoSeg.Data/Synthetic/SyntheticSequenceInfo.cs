using System.Collections.Generic;

namespace VideoSeg.Data.Synthetic;

/// <summary>One sequence of the synthetic suite, as suite.json describes it.</summary>
/// <param name="Name">The sequence name, e.g. "synth-01-shadow".</param>
/// <param name="Kind">The scene kind.</param>
/// <param name="Variant">The variant within the kind, e.g. "shadow" or "reflection".</param>
/// <param name="Frames">The number of frames.</param>
/// <param name="Seed">The sequence's own seed, derived from the suite seed and the sequence index.</param>
/// <param name="Width">Frame width.</param>
/// <param name="Height">Frame height.</param>
/// <param name="Camera">How the camera (the background) moves.</param>
/// <param name="Objects">The objects back to front, then the attached effects.</param>
public sealed record SyntheticSequenceInfo(string Name, SyntheticSceneKind Kind, string Variant, int Frames, long Seed, int Width, int Height, string Camera, IReadOnlyList<SyntheticObjectInfo> Objects);
