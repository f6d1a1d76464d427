using System.Collections.Generic;
using static TorchSharp.torch;

namespace VideoSeg.Models.Foreground;

/// <summary>The output of <see cref="MaskMerger.Merge"/>.</summary>
/// <param name="Masks">(B, 2, H, W): channel c is the sum of the input masks whose label is c.</param>
/// <param name="Labels">Per frame, the cluster label (0 or 1) of each of the K input masks; mask 0 has label 0.</param>
public sealed record MaskMergeResult(Tensor Masks, IReadOnlyList<int[]> Labels);
