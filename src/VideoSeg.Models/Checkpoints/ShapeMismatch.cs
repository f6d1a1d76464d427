using System.Collections.Generic;

namespace VideoSeg.Models.Checkpoints;

/// <summary>A weight whose checkpoint shape differs from the module's.</summary>
/// <param name="CheckpointKey">The name in the checkpoint.</param>
/// <param name="ModuleKey">The name in the module after the key map.</param>
/// <param name="CheckpointShape">The shape in the checkpoint.</param>
/// <param name="ModuleShape">The shape the module expects.</param>
public sealed record ShapeMismatch(string CheckpointKey, string ModuleKey, IReadOnlyList<long> CheckpointShape, IReadOnlyList<long> ModuleShape)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{ModuleKey}: checkpoint [{string.Join(", ", CheckpointShape)}] vs module [{string.Join(", ", ModuleShape)}]";
}
