using System;
using System.Collections.Generic;
using VideoSeg.Core;
using VideoSeg.Core.Imaging;
using VideoSeg.Flow.Warping;
using static TorchSharp.torch;

namespace VideoSeg.Models.Motion;

/// <summary>
/// A training-free base-mask source: fits GWM's motion model to the whole flow by robust regression and calls
/// foreground what the fit cannot explain. The model is GWM's (<c>src/flow_reconstruction.py</c>): per flow
/// component a quadratic in the coordinates x = row/H, y = col/W with the 6 terms [x, y, x², y², xy, 1].
/// GWM fits one such model per predicted segment; here a single model stands for the background (camera) motion.
/// </summary>
/// <remarks>
/// The fit starts from the best (least median residual) of three least-squares fits, on all pixels, on a border band
/// and on the central quarter, then runs concentration steps of least trimmed squares (refit on the
/// <see cref="MotionSegmentationOptions.TrimKeepFraction"/> best-explained pixels), which lets it escape a start that
/// the object has pulled halfway towards its own motion, and finally iteratively reweighted least squares with
/// Tukey's biweight on the residual magnitude √(r_u² + r_v²), scaled by 1.4826·median of the magnitudes. Foreground = residual &gt; max(median + k·1.4826·MAD, MinResidual), then a
/// morphological opening. The threshold lies above the median, so at most half the frame can come out as foreground;
/// but where the object is the majority the fit follows the object and the outliers are the background. The mask is
/// therefore inverted where it holds three or more of the four image corners (the rule of <c>select_mask</c> in the
/// paper's <c>unflow_consistency_loss.py</c>) or covers more than
/// <see cref="MotionSegmentationOptions.MaxForegroundFraction"/> of the frame. All frames are fitted at once.
/// </remarks>
public sealed class MotionSegmentationBaseline
{
    private const int Terms = 6;
    private readonly MotionSegmentationOptions _options;

    /// <summary>Creates the baseline with <paramref name="options"/> (defaults when null).</summary>
    public MotionSegmentationBaseline(MotionSegmentationOptions? options = null)
    {
        _options = options ?? new MotionSegmentationOptions();
        if (_options.Iterations < 0 || _options.TrimSteps < 0 || !(_options.TrimKeepFraction > 0f && _options.TrimKeepFraction <= 1f) || _options.FitStride < 1 || _options.OpeningRadius < 0 || _options.TukeyC <= 0)
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, $"invalid motion segmentation options: {_options}");
        }
    }

    /// <summary>A short label for reports.</summary>
    public string Name =>
        $"motion-baseline(trim={_options.TrimSteps}x{_options.TrimKeepFraction},irls={_options.Iterations},c={_options.TukeyC},k={_options.ThresholdMads},min={_options.MinResidual},open={_options.OpeningRadius},stride={_options.FitStride})";

    /// <summary>
    /// Segments one frame from its flow to the next frame; where <paramref name="backward"/> (the flow to the previous
    /// frame) is given, the motion is the average of the forward flow and the NEGATED backward flow.
    /// </summary>
    public BinaryMask Segment(FlowField forward, FlowField? backward = null)
    {
        ArgumentNullException.ThrowIfNull(forward);
        return Segment([forward], backward is null ? null : [backward], CPU)[0];
    }

    /// <summary>Segments every frame of a sequence at once (entries of <paramref name="backward"/> may be null, e.g. for frame 0).</summary>
    public IReadOnlyList<BinaryMask> Segment(IReadOnlyList<FlowField> forward, IReadOnlyList<FlowField?>? backward, Device device)
    {
        ArgumentNullException.ThrowIfNull(forward);
        ArgumentNullException.ThrowIfNull(device);
        if (backward is not null && backward.Count != forward.Count)
        {
            throw new VideoSegException(ErrorCodes.SizeMismatch, $"{forward.Count} forward flows but {backward.Count} backward flows");
        }

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor motion = FlowTensors.FromFlowFields(forward, device);
        if (backward is not null)
        {
            for (int i = 0; i < backward.Count; i++)
            {
                FlowField? b = backward[i];
                if (b is not null)
                {
                    if (b.Width != forward[i].Width || b.Height != forward[i].Height)
                    {
                        throw new VideoSegException(ErrorCodes.SizeMismatch, $"backward flow {i} is {b.Width}×{b.Height} but the forward flow is {forward[i].Width}×{forward[i].Height}");
                    }

                    Tensor negated = FlowTensors.FromFlowField(b, device);
                    motion[i] = (motion[i] - negated[0]) * 0.5;
                }
            }
        }

        return FlowTensors.ToMasks(Segment(motion));
    }

    /// <summary>Segments (N, 2, H, W) flows in pixels; returns (N, 1, H, W) floats, 1 = foreground.</summary>
    public Tensor Segment(Tensor flows)
    {
        ArgumentNullException.ThrowIfNull(flows);
        if (flows.dim() != 4 || flows.shape[1] != 2)
        {
            throw new VideoSegException(ErrorCodes.SizeMismatch, $"flows must be (N, 2, H, W), got [{string.Join(",", flows.shape)}]");
        }

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        long count = flows.shape[0];
        long height = flows.shape[2];
        long width = flows.shape[3];
        Tensor basis = Basis(height, width, flows.device);                      // (H, W, 6)

        int stride = _options.FitStride;
        Tensor fitBasis = basis.slice(0, 0, height, stride).slice(1, 0, width, stride).reshape(-1, Terms);    // (P, 6)
        Tensor fitFlow = flows.slice(2, 0, height, stride).slice(3, 0, width, stride).to_type(ScalarType.Float64).flatten(2).transpose(1, 2); // (N, P, 2)
        Tensor ridge = eye(Terms, dtype: ScalarType.Float64, device: flows.device) * 1e-9;
        long kept = Math.Max(Terms, (long)Math.Ceiling(_options.TrimKeepFraction * fitBasis.shape[0]));
        Tensor parameters = BestStart(fitBasis, fitFlow, ridge, kept);
        for (int i = 0; i < _options.TrimSteps; i++)
        {
            // Concentration step of least trimmed squares: refit on the best-explained pixels only.
            Tensor residual = ResidualMagnitude(fitBasis, fitFlow, parameters);
            Tensor cutoff = residual.kthvalue(kept, 1, keepdim: true).values;
            Tensor weights = residual.le(cutoff).to_type(ScalarType.Float64).unsqueeze(-1);
            parameters = Solve(fitBasis, fitFlow, weights, ridge);
        }

        for (int i = 0; i < _options.Iterations; i++)
        {
            Tensor residual = ResidualMagnitude(fitBasis, fitFlow, parameters);  // (N, P)
            Tensor scale = (RowMedian(residual) * 1.4826).clamp_min(1e-6);
            Tensor u = residual / (scale * _options.TukeyC);
            Tensor weights = (1 - u.square()).clamp_min(0).square().unsqueeze(-1);
            parameters = Solve(fitBasis, fitFlow, weights, ridge);
        }

        // Full resolution in float32 and in the flow's own (N, 2, H·W) layout: no transposed copies of the big tensors.
        Tensor model = parameters.to_type(ScalarType.Float32).transpose(1, 2).matmul(basis.to_type(ScalarType.Float32).reshape(-1, Terms).t()); // (N, 2, H·W)
        Tensor fullResidual = (flows.to_type(ScalarType.Float32).flatten(2) - model).square().sum(1).sqrt();                                        // (N, H·W)
        Tensor median = RowMedian(fullResidual);
        Tensor mad = RowMedian((fullResidual - median).abs());
        Tensor threshold = (median + (_options.ThresholdMads * 1.4826 * mad)).clamp_min(_options.MinResidual);
        Tensor foreground = fullResidual.gt(threshold).to_type(ScalarType.Float32).view(count, 1, height, width);
        if (_options.OpeningRadius > 0)
        {
            foreground = Open(foreground, _options.OpeningRadius);
        }

        // The fit follows the dominant motion; where that is the object's, the outliers are the background. Like the
        // paper code's select_mask, a mask holding three or more image corners is taken to be the background.
        Tensor corners = foreground[.., .., 0, 0] + foreground[.., .., 0, width - 1] + foreground[.., .., height - 1, 0] + foreground[.., .., height - 1, width - 1];
        Tensor fraction = foreground.mean(new long[] { 1, 2, 3 }, keepdim: true);
        Tensor invert = corners.ge(3).view(count, 1, 1, 1).logical_or(fraction.gt(_options.MaxForegroundFraction));
        foreground = where(invert, 1 - foreground, foreground);
        return foreground.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Least-median-of-squares choice among three deterministic starts, per frame: least squares on every pixel, on a
    /// border band (10 % of each side, where the background usually is) and on the central quarter (where an object
    /// filling most of the frame usually is). The start whose <c>kept</c>-th smallest residual is lowest wins; trimmed
    /// steps alone cannot leave a start that fits a compromise between the two motions.
    /// </summary>
    private static Tensor BestStart(Tensor basis, Tensor flow, Tensor ridge, long kept)
    {
        long count = flow.shape[0];
        Tensor x = basis[.., 0];
        Tensor y = basis[.., 1];
        Tensor border = x.lt(0.1).logical_or(x.ge(0.9)).logical_or(y.lt(0.1)).logical_or(y.ge(0.9));
        Tensor centre = x.ge(0.25).logical_and(x.lt(0.75)).logical_and(y.ge(0.25)).logical_and(y.lt(0.75));
        Tensor best = Solve(basis, flow, ones(count, basis.shape[0], 1, dtype: ScalarType.Float64, device: flow.device), ridge);
        Tensor bestScore = ResidualMagnitude(basis, flow, best).kthvalue(kept, 1, keepdim: true).values;
        foreach (Tensor region in new[] { border, centre })
        {
            if (region.sum().item<long>() < Terms)
            {
                continue;
            }

            Tensor weights = region.to_type(ScalarType.Float64).view(1, -1, 1).expand(count, -1, 1);
            Tensor candidate = Solve(basis, flow, weights, ridge);
            Tensor score = ResidualMagnitude(basis, flow, candidate).kthvalue(kept, 1, keepdim: true).values;
            Tensor better = score.lt(bestScore);
            best = where(better.view(count, 1, 1), candidate, best);
            bestScore = where(better, score, bestScore);
        }

        return best;
    }

    /// <summary>GWM's regressors [x, y, x², y², xy, 1] with x = row/H, y = col/W, as an (H, W, 6) tensor.</summary>
    private static Tensor Basis(long height, long width, Device device)
    {
        Tensor x = (arange(height, dtype: ScalarType.Float64, device: device) / height).view(height, 1).expand(height, width);
        Tensor y = (arange(width, dtype: ScalarType.Float64, device: device) / width).view(1, width).expand(height, width);
        return stack([x, y, x.square(), y.square(), x * y, ones_like(x)], dim: -1);
    }

    /// <summary>Weighted least squares for every frame at once: (AᵀWA + εI)θ = AᵀWf, θ (N, 6, 2).</summary>
    private static Tensor Solve(Tensor basis, Tensor flow, Tensor weights, Tensor ridge)
    {
        Tensor weighted = basis.unsqueeze(0) * weights;             // (N, P, 6)
        Tensor normal = weighted.transpose(1, 2).matmul(basis);     // (N, 6, 6)
        Tensor rhs = weighted.transpose(1, 2).matmul(flow);         // (N, 6, 2)
        return linalg.solve(normal + ridge, rhs);
    }

    /// <summary>The lower median of each row of an (N, P) tensor, as (N, 1), like <c>torch.median(dim=1)</c>.</summary>
    private static Tensor RowMedian(Tensor values) => values.kthvalue((values.shape[1] + 1) / 2, 1, keepdim: true).values;

    private static Tensor ResidualMagnitude(Tensor basis, Tensor flow, Tensor parameters) =>
        (flow - basis.matmul(parameters)).square().sum(-1).sqrt();

    private static Tensor Open(Tensor mask, int radius)
    {
        long[] kernel = [(2 * radius) + 1, (2 * radius) + 1];
        long[] stride = [1, 1];
        long[] padding = [radius, radius];
        Tensor eroded = -nn.functional.max_pool2d(-mask, kernel, stride, padding);
        return nn.functional.max_pool2d(eroded, kernel, stride, padding);
    }
}
