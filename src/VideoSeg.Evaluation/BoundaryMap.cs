using System;
using VideoSeg.Core.Imaging;

namespace VideoSeg.Evaluation;

/// <summary>The one-pixel-wide boundary map that DAVIS's F measure matches (the toolkit's <c>_seg2bmap</c>).</summary>
public static class BoundaryMap
{
    /// <summary>
    /// Marks pixels that differ from their east, south or south-east neighbour: in the last row only the
    /// east neighbour is compared, in the last column only the south one, and the bottom-right pixel is
    /// never marked. Boundaries therefore sit half a pixel towards the origin from the true edge.
    /// </summary>
    public static BinaryMask Compute(BinaryMask segmentation)
    {
        ArgumentNullException.ThrowIfNull(segmentation);
        var packed = new PackedMask(segmentation.Width, segmentation.Height);
        packed.Load(segmentation);
        var boundary = new PackedMask(segmentation.Width, segmentation.Height);
        BoundaryExtraction.Extract(packed, boundary);
        return boundary.ToBinaryMask();
    }
}
