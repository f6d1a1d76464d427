namespace VideoSeg.Models.Motion;

/// <summary>Settings of <see cref="MotionSegmentationBaseline"/>.</summary>
/// <param name="TrimSteps">Least-trimmed-squares concentration steps after the initial least-squares fit.</param>
/// <param name="TrimKeepFraction">The fraction of pixels (those with the smallest residuals) each trimmed step refits on.</param>
/// <param name="Iterations">Tukey IRLS iterations after the trimmed steps.</param>
/// <param name="TukeyC">Tukey biweight tuning constant, in robust standard deviations (4.685: 95 % efficiency under Gaussian noise).</param>
/// <param name="ThresholdMads">
/// A pixel is foreground where its residual exceeds median + k·1.4826·MAD of the frame's residuals; this is k (3: the usual
/// "three robust sigmas" outlier rule).
/// </param>
/// <param name="MinResidual">The threshold never falls below this many pixels, so a perfect fit does not flag noise-free pixels.</param>
/// <param name="OpeningRadius">Radius of the square morphological opening that removes isolated foreground pixels; 0 turns it off.</param>
/// <param name="FitStride">
/// The fit uses every FitStride-th row and column (residuals are still evaluated at every pixel): 4 leaves about 25,000 points
/// for 12 parameters at 854×480.
/// </param>
/// <param name="MaxForegroundFraction">
/// Where more than this fraction of a frame is foreground (or three image corners are), the fit has locked onto the object and
/// the mask is inverted. With the default 0.5 the fraction test rarely fires, as the threshold lies above the median residual.
/// </param>
public sealed record MotionSegmentationOptions(
    int TrimSteps = 5,
    float TrimKeepFraction = 0.5f,
    int Iterations = 10,
    float TukeyC = 4.685f,
    float ThresholdMads = 3f,
    float MinResidual = 0.5f,
    int OpeningRadius = 1,
    int FitStride = 4,
    float MaxForegroundFraction = 0.5f);
