using VideoSeg.Core;
using VideoSeg.Core.Imaging;

namespace VideoSeg.Evaluation;

/// <summary>
/// DAVIS region similarity J, as davis2017-evaluation's <c>db_eval_iou</c> computes it without void pixels.
/// </summary>
public static class JaccardIndex
{
    /// <summary>
    /// |S∩G| / |S∪G| for prediction S and ground truth G; 1 when both are empty. Any non-zero byte is foreground.
    /// </summary>
    /// <exception cref="VideoSegException">The masks differ in size (<see cref="ErrorCodes.SizeMismatch"/>).</exception>
    public static double Compute(BinaryMask prediction, BinaryMask truth) =>
        FrameScorer.ForCurrentThread.Jaccard(prediction, truth);
}
