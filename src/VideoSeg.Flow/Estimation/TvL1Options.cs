using System;
using VideoSeg.Core;

namespace VideoSeg.Flow.Estimation;

/// <summary>
/// Parameters of <see cref="TvL1FlowEstimator"/>. Names follow Sánchez, Meinhardt-Llopis and Facciolo,
/// "TV-L1 Optical Flow Estimation", IPOL 2013, and Wedel, Pock, Zach, Bischof and Cremers, "An Improved
/// Algorithm for TV-L1 Optical Flow" (2009). Intensities are normalised to [0, 255] per pair before
/// solving, so <see cref="Lambda"/> has the same meaning as in IPOL's and OpenCV's implementations.
/// The defaults were tuned on the FlyingChairs samples for accuracy; <see cref="Fast"/> trades some of it
/// for speed at the pipeline's 224×128 working resolution.
/// </summary>
public sealed record TvL1Options
{
    /// <summary>The accurate defaults.</summary>
    public static TvL1Options Accurate { get; } = new();

    /// <summary>
    /// A cheaper preset for the pipeline's ~1,800 pairs at 224×128: 3 warps of 15 iterations, a 3×3 median and a
    /// shorter structure–texture solve. It costs about a third of <see cref="Accurate"/> and lost only about 0.1 px
    /// of mean end-point error on the FlyingChairs samples (3.53 against 3.42 px).
    /// </summary>
    public static TvL1Options Fast { get; } = new()
    {
        Warps = 3,
        Iterations = 15,
        MedianFilterSize = 3,
        StructureTextureIterations = 30,
    };

    /// <summary>
    /// Weight of the L1 data term against total variation (IPOL's λ). Larger follows the images more closely.
    /// IPOL's and OpenCV's default is 0.15; on the texture images 0.25 was better on FlyingChairs (3.42 against 3.55 px).
    /// </summary>
    public double Lambda { get; init; } = 0.25;

    /// <summary>Coupling between the data and smoothness sub-problems (IPOL's θ). Small values couple tightly.</summary>
    public double Theta { get; init; } = 0.3;

    /// <summary>Time step of the dual (Chambolle) update (IPOL's τ); at most 0.25 for convergence.</summary>
    public double Tau { get; init; } = 0.25;

    /// <summary>Ratio between successive pyramid levels, in (0, 1) (IPOL's η).</summary>
    public double ScaleFactor { get; init; } = 0.5;

    /// <summary>The most pyramid levels to use, the full resolution included; 0 means as many as <see cref="MinLevelSize"/> allows.</summary>
    public int MaxLevels { get; init; }

    /// <summary>The smallest side, in pixels, a pyramid level may have.</summary>
    public int MinLevelSize { get; init; } = 16;

    /// <summary>Times the second image is re-warped per level, each followed by a linearisation of the data term.</summary>
    public int Warps { get; init; } = 5;

    /// <summary>Primal–dual iterations after each warp. A fixed count (no data-dependent stopping) keeps a pair's result independent of its batch.</summary>
    public int Iterations { get; init; } = 50;

    /// <summary>Side of the median filter applied to the flow after each warp (Wedel et al.); 0 or 1 disables it. Must be odd.</summary>
    public int MedianFilterSize { get; init; } = 5;

    /// <summary>
    /// Weight α of the structure part removed from each image (texture = I − α·ROF(I), Wedel et al.), which
    /// makes the data term robust to illumination changes and shadows; 0 disables the decomposition.
    /// </summary>
    public double StructureTextureAlpha { get; init; } = 0.95;

    /// <summary>Smoothing weight θ of the ROF model computing the structure part, for intensities in [−1, 1].</summary>
    public double StructureTextureTheta { get; init; } = 0.125;

    /// <summary>Chambolle iterations of the ROF model.</summary>
    public int StructureTextureIterations { get; init; } = 100;

    /// <summary>Throws <see cref="VideoSegException"/> (<see cref="ErrorCodes.InvalidArgument"/>) naming the first invalid parameter.</summary>
    public void Validate()
    {
        Require(Lambda > 0 && double.IsFinite(Lambda), nameof(Lambda), Lambda, "a positive number");
        Require(Theta > 0 && double.IsFinite(Theta), nameof(Theta), Theta, "a positive number");
        Require(Tau > 0 && Tau <= 0.25, nameof(Tau), Tau, "in (0, 0.25]");
        Require(ScaleFactor > 0 && ScaleFactor < 1, nameof(ScaleFactor), ScaleFactor, "in (0, 1)");
        Require(MaxLevels >= 0, nameof(MaxLevels), MaxLevels, "0 (automatic) or a positive count");
        Require(MinLevelSize >= 4, nameof(MinLevelSize), MinLevelSize, "at least 4");
        Require(Warps >= 1, nameof(Warps), Warps, "at least 1");
        Require(Iterations >= 1, nameof(Iterations), Iterations, "at least 1");
        Require(MedianFilterSize >= 0 && (MedianFilterSize <= 1 || MedianFilterSize % 2 == 1), nameof(MedianFilterSize), MedianFilterSize, "0, 1 or an odd size");
        Require(StructureTextureAlpha >= 0 && StructureTextureAlpha < 1, nameof(StructureTextureAlpha), StructureTextureAlpha, "in [0, 1)");
        Require(StructureTextureTheta > 0 && double.IsFinite(StructureTextureTheta), nameof(StructureTextureTheta), StructureTextureTheta, "a positive number");
        Require(StructureTextureIterations >= 1, nameof(StructureTextureIterations), StructureTextureIterations, "at least 1");
    }

    private static void Require(bool condition, string name, object value, string expected)
    {
        if (!condition)
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, FormattableString.Invariant($"TV-L1 option {name} is {value}; expected {expected}"));
        }
    }
}
