namespace VideoSeg.Models.Checkpoints;

/// <summary>
/// One value read from a pickled PyTorch checkpoint: a dictionary, list, tuple, string, integer,
/// float, boolean, bytes, <c>None</c> or a tensor reference. Nothing else can appear, because the
/// reader refuses every class outside its allow-list.
/// </summary>
public abstract record CheckpointValue;
