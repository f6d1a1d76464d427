using System;
using VideoSeg.Core;
using VideoSeg.Core.Imaging;

namespace VideoSeg.Evaluation;

/// <summary>
/// DAVIS contour accuracy F, as davis2017-evaluation's <c>f_measure</c> computes it without void pixels:
/// boundaries from <c>_seg2bmap</c>, each dilated by a disk of radius
/// ⌈boundThreshold·‖(H, W)‖⌉ (8 px at 854×480), precision and recall of the matched boundary pixels, and
/// F = 2PR/(P+R).
/// </summary>
public static class BoundaryMeasure
{
    /// <summary>The toolkit's default tolerance, as a fraction of the image diagonal.</summary>
    public const double DefaultBoundThreshold = 0.008;

    /// <summary>
    /// The boundary F-measure of <paramref name="prediction"/> against <paramref name="truth"/>. With no
    /// predicted boundary and some true boundary, P = 1 and R = 0; with the reverse, P = 0 and R = 1;
    /// with neither, P = R = 1; F is 0 when P + R = 0.
    /// </summary>
    /// <param name="prediction">The segmentation S; any non-zero byte is foreground.</param>
    /// <param name="truth">The ground truth G, the same size.</param>
    /// <param name="boundThreshold">Below 1, a fraction of the diagonal; from 1, a radius in pixels (a whole number).</param>
    /// <exception cref="VideoSegException">The sizes differ (<see cref="ErrorCodes.SizeMismatch"/>), or the threshold is invalid (<see cref="ErrorCodes.InvalidArgument"/>).</exception>
    public static double Compute(BinaryMask prediction, BinaryMask truth, double boundThreshold = DefaultBoundThreshold) =>
        FrameScorer.ForCurrentThread.Boundary(prediction, truth, boundThreshold);

    /// <summary>
    /// The dilation radius in pixels: <c>bound_th</c> itself when it is at least 1, otherwise
    /// ⌈bound_th·√(H² + W²)⌉.
    /// </summary>
    /// <exception cref="VideoSegException">The threshold is not positive and finite, or is at least 1 but not a whole number (<see cref="ErrorCodes.InvalidArgument"/>).</exception>
    public static int Radius(int width, int height, double boundThreshold)
    {
        if (!double.IsFinite(boundThreshold) || boundThreshold <= 0)
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, $"boundary threshold {boundThreshold} is invalid; expected a positive fraction of the diagonal (default 0.008) or a whole number of pixels");
        }

        if (boundThreshold >= 1)
        {
            // skimage's disk of a fractional radius has an even size and no centre pixel; the toolkit
            // never uses one, so it is refused rather than guessed at.
            if (boundThreshold != Math.Floor(boundThreshold) || boundThreshold > int.MaxValue / 4)
            {
                throw new VideoSegException(ErrorCodes.InvalidArgument, $"boundary threshold {boundThreshold} is at least 1, so it is a radius in pixels; expected a whole number");
            }

            return (int)boundThreshold;
        }

        double diagonal = Math.Sqrt(((double)height * height) + ((double)width * width));
        return (int)Math.Ceiling(boundThreshold * diagonal);
    }
}
