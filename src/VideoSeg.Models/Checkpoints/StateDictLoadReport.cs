using System.Collections.Generic;

namespace VideoSeg.Models.Checkpoints;

/// <summary>What <see cref="StateDictLoader"/> did.</summary>
/// <param name="Loaded">Module keys that were copied.</param>
/// <param name="Missing">Module keys the checkpoint has no weight for.</param>
/// <param name="Unexpected">Checkpoint keys (after the map) the module has no place for.</param>
/// <param name="Dropped">Checkpoint keys the key map dropped.</param>
/// <param name="ShapeMismatches">Weights left uncopied because their shapes differ.</param>
public sealed record StateDictLoadReport(
    IReadOnlyList<string> Loaded,
    IReadOnlyList<string> Missing,
    IReadOnlyList<string> Unexpected,
    IReadOnlyList<string> Dropped,
    IReadOnlyList<ShapeMismatch> ShapeMismatches);
