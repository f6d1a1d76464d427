using System;
using System.Collections.Generic;
using System.Threading;
using TorchSharp;
using VideoSeg.Core.Imaging;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace VideoSeg.Flow.Estimation;

/// <summary>
/// Dense coarse-to-fine TV-L1 optical flow (Zach, Pock and Bischof 2007) solved with the duality-based
/// scheme of Sánchez et al. (IPOL 2013), with the improvements of Wedel et al. (2009): a structure–texture
/// decomposition of the input images, several warps per pyramid level, and a median filter on the flow after
/// each warp. Every step is a TorchSharp tensor operation over all pairs of a call at once, shape (N, C, H, W),
/// so the per-operation overhead is paid once per batch and the same code runs on CPU or CUDA.
/// </summary>
/// <remarks>
/// Differences from IPOL's reference: bilinear instead of bicubic warping and upsampling, a fixed number of
/// iterations per warp instead of a tolerance (so a pair's flow does not depend on the other pairs of its
/// batch), and grayscale input (BT.601). Out-of-image samples take the nearest border value.
/// </remarks>
public sealed class TvL1FlowEstimator : IFlowEstimator
{
    // Small enough not to bias the thresholding step where the warped gradient is flat.
    private const double GradientFloor = 1e-6;

    // Bounds the median filter's unfolded copy (k² values per pixel) to about 128 MB per chunk.
    private const long MedianChunkElements = 32L * 1024 * 1024;

    /// <summary>Creates an estimator that runs on <paramref name="device"/> (CPU when null).</summary>
    public TvL1FlowEstimator(TvL1Options? options = null, Device? device = null)
    {
        Options = options ?? TvL1Options.Accurate;
        Options.Validate();
        Device = device ?? CPU;
    }

    /// <inheritdoc />
    public string Name => "tvl1";

    /// <summary>The solver parameters.</summary>
    public TvL1Options Options { get; }

    /// <summary>The device every tensor of a call lives on.</summary>
    public Device Device { get; }

    /// <inheritdoc />
    public IReadOnlyList<FlowField> Estimate(IReadOnlyList<RgbImage> sources, IReadOnlyList<RgbImage> targets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(targets);
        (int width, int height) = FlowTensorConversion.CheckPairs(sources, targets);
        if (sources.Count == 0)
        {
            return [];
        }

        cancellationToken.ThrowIfCancellationRequested();
        using IDisposable noGrad = no_grad();
        using DisposeScope scope = NewDisposeScope();
        Tensor source = FlowTensorConversion.ToGray(sources, Device);
        Tensor target = FlowTensorConversion.ToGray(targets, Device);
        Tensor flow = Solve(source, target, cancellationToken);
        return FlowTensorConversion.ToFlowFields(flow, width, height);
    }

    private static double Divide(double numerator, long denominator) => denominator > 1 ? numerator / (denominator - 1) : 0.0;

    private Tensor Solve(Tensor source, Tensor target, CancellationToken cancellationToken)
    {
        // Both images of each pair travel as two channels of one tensor, so pre-processing and the
        // pyramid cost one operation for both.
        Tensor images = cat([source, target], 1);
        if (Options.StructureTextureAlpha > 0)
        {
            images = Texture(images, cancellationToken);
        }

        images = NormalizePerPair(images);
        List<Tensor> pyramid = BuildPyramid(images);
        int levels = pyramid.Count;
        Tensor coarsest = pyramid[levels - 1];
        Tensor flow = zeros([coarsest.shape[0], 2, coarsest.shape[2], coarsest.shape[3]], ScalarType.Float32, Device);
        for (int level = levels - 1; level >= 0; level--)
        {
            using DisposeScope levelScope = NewDisposeScope();
            Tensor pair = pyramid[level];
            if (level < levels - 1)
            {
                Tensor upsampled = UpsampleFlow(flow, pair.shape[2], pair.shape[3]);
                flow.Dispose();
                flow = upsampled;
            }

            SolveLevel(pair, flow, cancellationToken);
            flow = flow.MoveToOuterDisposeScope();
        }

        return flow;
    }

    /// <summary>Runs the warps and primal–dual iterations of one level, refining <paramref name="flow"/> in place.</summary>
    private void SolveLevel(Tensor pair, Tensor flow, CancellationToken cancellationToken)
    {
        long n = pair.shape[0];
        long height = pair.shape[2];
        long width = pair.shape[3];
        Tensor reference = pair.narrow(1, 0, 1);
        Tensor moving = pair.narrow(1, 1, 1);
        Tensor movingStack = cat([moving, ImageGradient(moving)], 1);
        Tensor baseGrid = IdentityGrid(height, width);
        Tensor toGrid = tensor(new float[] { (float)Divide(2.0, width), (float)Divide(2.0, height) }, device: Device);
        Tensor dual = zeros([n, 4, height, width], ScalarType.Float32, Device);
        Tensor dualByComponent = dual.view(n, 2, 2, height, width);
        double lambdaTheta = Options.Lambda * Options.Theta;
        double tauOverTheta = Options.Tau / Options.Theta;

        for (int warp = 0; warp < Options.Warps; warp++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using DisposeScope warpScope = NewDisposeScope();
            Tensor grid = baseGrid + (flow.permute(0, 2, 3, 1) * toGrid);
            Tensor warped = F.grid_sample(movingStack, grid, GridSampleMode.Bilinear, GridSamplePaddingMode.Border, align_corners: true);
            Tensor warpedImage = warped.narrow(1, 0, 1);
            Tensor gradient = warped.narrow(1, 1, 2).contiguous();
            Tensor negativeInverseGradient2 = gradient.square().sum(1, keepdim: true).add_(GradientFloor).reciprocal_().neg_();
            Tensor residualAtWarp = warpedImage - reference - (gradient * flow).sum(1, keepdim: true);

            for (int iteration = 0; iteration < Options.Iterations; iteration++)
            {
                using DisposeScope iterationScope = NewDisposeScope();

                // Thresholding step for v (IPOL eq. 21) written as one clamp: v = u + clamp(-ρ/|∇I|², ±λθ) ∇I.
                Tensor residual = (gradient * flow).sum(1, keepdim: true).add_(residualAtWarp);
                Tensor step = residual.mul_(negativeInverseGradient2).clamp_(-lambdaTheta, lambdaTheta);
                flow.addcmul_(gradient, step, 1.0);

                // u = v + θ div p, then the dual ascent p = (p + τ/θ ∇u) / (1 + τ/θ |∇u|), per flow component.
                flow.add_(Divergence(dual), alpha: Options.Theta);
                Tensor flowGradient = ForwardGradient(flow).view(n, 2, 2, height, width);
                Tensor denominator = flowGradient.square().sum(2, keepdim: true).sqrt_().mul_(tauOverTheta).add_(1.0);
                dualByComponent.add_(flowGradient, alpha: tauOverTheta).div_(denominator);
            }

            if (Options.MedianFilterSize > 1)
            {
                flow.copy_(MedianFilter(flow, Options.MedianFilterSize));
            }
        }
    }

    /// <summary>The texture part I − α·ROF(I) of every image, via Chambolle's projection algorithm on intensities in [−1, 1].</summary>
    private Tensor Texture(Tensor images, CancellationToken cancellationToken)
    {
        long n = images.shape[0];
        long channels = images.shape[1];
        long height = images.shape[2];
        long width = images.shape[3];
        Tensor signedImages = images.mul(2.0 / 255.0).sub_(1.0);
        Tensor dual = zeros([n, 2 * channels, height, width], ScalarType.Float32, Device);
        Tensor dualByComponent = dual.view(n, channels, 2, height, width);
        double theta = Options.StructureTextureTheta;
        const double Tau = 0.25;
        for (int iteration = 0; iteration < Options.StructureTextureIterations; iteration++)
        {
            if (iteration % 16 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            using DisposeScope iterationScope = NewDisposeScope();
            Tensor descent = ForwardGradient(Divergence(dual).add_(signedImages, alpha: -1.0 / theta)).view(n, channels, 2, height, width);
            Tensor denominator = descent.square().sum(2, keepdim: true).sqrt_().mul_(Tau).add_(1.0);
            dualByComponent.add_(descent, alpha: Tau).div_(denominator);
        }

        Tensor structure = signedImages - (theta * Divergence(dual));
        return signedImages.add_(structure, alpha: -Options.StructureTextureAlpha);
    }

    /// <summary>Maps both images of each pair jointly onto [0, 255], as IPOL's implementation does.</summary>
    private static Tensor NormalizePerPair(Tensor images)
    {
        Tensor flat = images.flatten(1);
        Tensor low = flat.amin([1], keepdim: true).view(-1, 1, 1, 1);
        Tensor high = flat.amax([1], keepdim: true).view(-1, 1, 1, 1);
        Tensor range = (high - low).clamp_min_(1e-6);
        return (images - low).div_(range).mul_(255.0);
    }

    private List<Tensor> BuildPyramid(Tensor images)
    {
        var pyramid = new List<Tensor> { images };
        long height = images.shape[2];
        long width = images.shape[3];
        int maxLevels = Options.MaxLevels > 0 ? Options.MaxLevels : int.MaxValue;
        while (pyramid.Count < maxLevels)
        {
            long nextHeight = (long)Math.Round(height * Options.ScaleFactor);
            long nextWidth = (long)Math.Round(width * Options.ScaleFactor);
            if (Math.Min(nextHeight, nextWidth) < Options.MinLevelSize)
            {
                break;
            }

            // Antialiased resampling from the full-resolution images avoids compounding blur level after level.
            pyramid.Add(F.interpolate(images, [nextHeight, nextWidth], mode: InterpolationMode.Bilinear, align_corners: false, antialias: true));
            height = nextHeight;
            width = nextWidth;
        }

        return pyramid;
    }

    private Tensor UpsampleFlow(Tensor flow, long height, long width)
    {
        Tensor scale = tensor(new float[] { (float)width / flow.shape[3], (float)height / flow.shape[2] }, device: Device).view(1, 2, 1, 1);
        return F.interpolate(flow, [height, width], mode: InterpolationMode.Bilinear, align_corners: false).mul_(scale);
    }

    /// <summary>Pixel coordinates in grid_sample's align_corners=true convention, shape (1, H, W, 2), x first.</summary>
    private Tensor IdentityGrid(long height, long width)
    {
        Tensor xs = linspace(-1.0, 1.0, width, ScalarType.Float32, Device);
        Tensor ys = linspace(-1.0, 1.0, height, ScalarType.Float32, Device);
        if (width == 1)
        {
            xs = zeros([1], ScalarType.Float32, Device);
        }

        if (height == 1)
        {
            ys = zeros([1], ScalarType.Float32, Device);
        }

        Tensor[] mesh = meshgrid([ys, xs], indexing: "ij");
        return stack([mesh[1], mesh[0]], -1).unsqueeze(0);
    }

    /// <summary>Image derivatives with the 5-point centred stencil (1, −8, 0, 8, −1)/12 and replicated borders; output channels x, y.</summary>
    private Tensor ImageGradient(Tensor image)
    {
        var weights = new float[2 * 5 * 5];
        float[] stencil = [1f / 12f, -8f / 12f, 0f, 8f / 12f, -1f / 12f];
        for (int i = 0; i < 5; i++)
        {
            weights[(2 * 5) + i] = stencil[i];
            weights[25 + (i * 5) + 2] = stencil[i];
        }

        Tensor kernel = tensor(weights, [2, 1, 5, 5], device: Device);
        return F.conv2d(F.pad(image, [2, 2, 2, 2], PaddingModes.Replicate), kernel);
    }

    /// <summary>
    /// Forward differences of each channel, zero at the last column and row; output (N, 2C, H, W) with
    /// channel 2c the x-derivative and 2c+1 the y-derivative of input channel c.
    /// </summary>
    private Tensor ForwardGradient(Tensor field)
    {
        long channels = field.shape[1];
        Tensor kernel = tensor(new float[] { -1f, 1f, 0f, 0f, -1f, 0f, 1f, 0f }, [2, 1, 2, 2], device: Device).repeat(channels, 1, 1, 1);
        return F.conv2d(F.pad(field, [0, 1, 0, 1], PaddingModes.Replicate), kernel, groups: channels);
    }

    /// <summary>
    /// Backward-difference divergence of dual fields laid out as <see cref="ForwardGradient"/> returns them; it is
    /// minus the adjoint of <see cref="ForwardGradient"/> because the duals stay zero on the last column and row.
    /// </summary>
    private Tensor Divergence(Tensor dual)
    {
        long channels = dual.shape[1] / 2;
        Tensor kernel = tensor(new float[] { 0f, 0f, -1f, 1f, 0f, -1f, 0f, 1f }, [1, 2, 2, 2], device: Device).repeat(channels, 1, 1, 1);
        return F.conv2d(F.pad(dual, [1, 0, 1, 0], PaddingModes.Constant, 0.0), kernel, groups: channels);
    }

    /// <summary>A size×size median of each channel with replicated borders.</summary>
    private static Tensor MedianFilter(Tensor field, int size) => size == 3 ? Median3x3(field) : MedianBySelection(field, size);

    /// <summary>
    /// The 3×3 median as Devillard's 19-exchange network over the nine shifted views: element-wise minima and maxima
    /// are several times cheaper than selecting within unfolded windows.
    /// </summary>
    private static Tensor Median3x3(Tensor field)
    {
        long height = field.shape[2];
        long width = field.shape[3];
        Tensor padded = F.pad(field, [1, 1, 1, 1], PaddingModes.Replicate);
        var p = new Tensor[9];
        for (int dy = 0; dy < 3; dy++)
        {
            for (int dx = 0; dx < 3; dx++)
            {
                p[(dy * 3) + dx] = padded.narrow(2, dy, height).narrow(3, dx, width);
            }
        }

        ReadOnlySpan<int> exchanges = [1, 2, 4, 5, 7, 8, 0, 1, 3, 4, 6, 7, 1, 2, 4, 5, 7, 8, 0, 3, 5, 8, 4, 7, 3, 6, 1, 4, 2, 5, 4, 7, 4, 2, 6, 4, 4, 2];
        for (int i = 0; i < exchanges.Length; i += 2)
        {
            Tensor a = p[exchanges[i]];
            Tensor b = p[exchanges[i + 1]];
            p[exchanges[i]] = minimum(a, b);
            p[exchanges[i + 1]] = maximum(a, b);
        }

        return p[4];
    }

    /// <summary>A size×size median by selection within unfolded windows, chunked over the batch to bound memory.</summary>
    private static Tensor MedianBySelection(Tensor field, int size)
    {
        int radius = size / 2;
        long n = field.shape[0];
        long perPair = field.shape[1] * field.shape[2] * field.shape[3] * size * size;
        long chunk = Math.Max(1, MedianChunkElements / perPair);
        var parts = new List<Tensor>();
        for (long start = 0; start < n; start += chunk)
        {
            Tensor part = field.narrow(0, start, Math.Min(chunk, n - start));
            Tensor windows = F.pad(part, [radius, radius, radius, radius], PaddingModes.Replicate)
                .unfold(2, size, 1)
                .unfold(3, size, 1)
                .flatten(4);
            parts.Add(windows.kthvalue((size * size / 2) + 1, 4).values);
        }

        return parts.Count == 1 ? parts[0] : cat(parts, 0);
    }
}
