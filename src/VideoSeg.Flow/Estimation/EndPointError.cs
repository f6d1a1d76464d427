using System;
using System.Globalization;
using VideoSeg.Core;
using VideoSeg.Core.Imaging;

namespace VideoSeg.Flow.Estimation;

/// <summary>The standard optical-flow accuracy measure: the Euclidean distance between estimated and true displacement vectors.</summary>
public static class EndPointError
{
    /// <summary>The mean end-point error over all pixels, in pixels.</summary>
    /// <exception cref="VideoSegException"><see cref="ErrorCodes.SizeMismatch"/> when the two flows differ in size.</exception>
    public static double Mean(FlowField estimate, FlowField truth)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        ArgumentNullException.ThrowIfNull(truth);
        if (estimate.Width != truth.Width || estimate.Height != truth.Height)
        {
            throw new VideoSegException(
                ErrorCodes.SizeMismatch,
                string.Create(CultureInfo.InvariantCulture, $"the estimated flow is {estimate.Width}×{estimate.Height} but the ground truth is {truth.Width}×{truth.Height}; end-point error needs equal sizes"));
        }

        float[] a = estimate.Data;
        float[] b = truth.Data;
        double sum = 0;
        for (int i = 0; i < a.Length; i += 2)
        {
            double du = a[i] - b[i];
            double dv = a[i + 1] - b[i + 1];
            sum += Math.Sqrt((du * du) + (dv * dv));
        }

        return sum / (a.Length / 2);
    }
}
