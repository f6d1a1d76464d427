namespace VideoSeg.Data.Acquisition;

/// <summary>One converted sequence.</summary>
/// <param name="Name">The sequence's folder name.</param>
/// <param name="FrameCount">Frames (and masks) written.</param>
/// <param name="PublishedFrameCount">The count the catalogue lists, when it lists the sequence.</param>
/// <param name="ObjectCount">Ground-truth objects merged into each mask.</param>
public sealed record AcquiredSequence(string Name, int FrameCount, int? PublishedFrameCount, int ObjectCount);
