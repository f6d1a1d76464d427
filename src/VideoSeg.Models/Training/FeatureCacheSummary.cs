namespace VideoSeg.Models.Training;

/// <summary>What <see cref="BackboneFeatureCache"/> held at the end of a training run, for <c>training.json</c>.</summary>
/// <param name="Frames">Frames whose features were kept.</param>
/// <param name="Bytes">Bytes of features kept.</param>
/// <param name="Hits">Frames served from the cache.</param>
/// <param name="Misses">Frames computed.</param>
public sealed record FeatureCacheSummary(int Frames, long Bytes, long Hits, long Misses);
