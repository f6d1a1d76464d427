using System;
using System.Globalization;
using System.Threading;
using TorchSharp;
using TorchSharp.Utils;
using VideoSeg.Core;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace VideoSeg.Models.Raft;

/// <summary>
/// RAFT (Teed and Deng, ECCV 2020), ported from princeton-vl/RAFT <c>core/raft.py</c> in test mode: frames in 0..255
/// normalised to 2·(x/255) − 1; feature maps of both frames from <c>fnet</c> at 1/8 resolution and their correlation
/// pyramid; context from <c>cnet</c> split into the GRU's initial state (tanh) and its input (ReLU); then a fixed
/// number of updates of the 1/8-grid flow (coordinates detached each time in RAFT, which only matters for training),
/// and the last flow upsampled ×8, convexly with the predicted mask (full RAFT) or bilinearly (RAFT-small). Field names
/// are RAFT's, so its state dicts load by name (<see cref="RaftCheckpoints"/>). Mixed precision and the alternate
/// (CUDA-kernel) correlation of RAFT's options are not ported: both are off in RAFT's evaluation by default.
/// </summary>
public sealed class RaftNetwork : nn.Module
{
    /// <summary>
    /// The smallest padded side RAFT handles: the coarsest correlation level (1/64) must be at least 2 wide, or RAFT's
    /// <c>bilinear_sampler</c> divides by zero (W − 1) and returns NaN, or its pooling fails.
    /// </summary>
    public const int MinimumPaddedSide = 128;

    private const int CorrelationLevels = 4;

    [ComponentName(Name = "fnet")]
    private readonly RaftEncoder _fnet;

    [ComponentName(Name = "cnet")]
    private readonly RaftEncoder _cnet;

    [ComponentName(Name = "update_block")]
    private readonly RaftUpdateBlock _updateBlock;

    private readonly int _hiddenDim;
    private readonly int _contextDim;
    private readonly int _radius;

    /// <summary>Builds the network with RAFT's initialisation, in eval mode.</summary>
    /// <param name="variant">The full model or RAFT-small.</param>
    public RaftNetwork(RaftVariant variant)
        : base(nameof(RaftNetwork))
    {
        Variant = variant;
        switch (variant)
        {
            case RaftVariant.Full:
                _hiddenDim = 128;
                _contextDim = 128;
                _radius = 4;
                _fnet = new RaftEncoder(variant, 256, RaftNormKind.Instance);
                _cnet = new RaftEncoder(variant, _hiddenDim + _contextDim, RaftNormKind.Batch);
                _updateBlock = new RaftBasicUpdateBlock(CorrelationPlanes, _hiddenDim);
                break;
            case RaftVariant.Small:
                _hiddenDim = 96;
                _contextDim = 64;
                _radius = 3;
                _fnet = new RaftEncoder(variant, 128, RaftNormKind.Instance);
                _cnet = new RaftEncoder(variant, _hiddenDim + _contextDim, RaftNormKind.None);
                _updateBlock = new RaftSmallUpdateBlock(CorrelationPlanes, _hiddenDim);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(variant), variant, "not a RAFT variant");
        }

        RegisterComponents();
        eval();
    }

    /// <summary>Which RAFT this is.</summary>
    public RaftVariant Variant { get; }

    /// <summary>Channels of the correlation lookup: 4 levels × (2r + 1)².</summary>
    public long CorrelationPlanes => CorrelationLevels * (long)((2 * _radius) + 1) * ((2 * _radius) + 1);

    /// <summary>
    /// The flow from each of <paramref name="image1"/> to the same row of <paramref name="image2"/> after
    /// <paramref name="iterations"/> updates, at the input resolution: RAFT's <c>flow_up</c> in test mode.
    /// </summary>
    /// <param name="image1">First frames, B × 3 × H × W, RGB in 0..255, H and W multiples of 8 and at least <see cref="MinimumPaddedSide"/>.</param>
    /// <param name="image2">Second frames, same shape and device.</param>
    /// <param name="iterations">Update iterations (RAFT's <c>iters</c>), at least 1.</param>
    /// <param name="cancellationToken">Checked between iterations.</param>
    /// <returns>B × 2 × H × W flows in pixels, (u, v).</returns>
    /// <exception cref="VideoSegException"><see cref="ErrorCodes.InvalidArgument"/> for frames of another shape, or no iterations.</exception>
    public Tensor Forward(Tensor image1, Tensor image2, int iterations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image1);
        ArgumentNullException.ThrowIfNull(image2);
        CheckInput(image1, image2, iterations);
        long batch = image1.shape[0];
        long height = image1.shape[2] / 8;
        long width = image1.shape[3] / 8;

        using DisposeScope scope = NewDisposeScope();
        Tensor first = (2 * (image1 / 255.0)) - 1.0;
        Tensor second = (2 * (image2 / 255.0)) - 1.0;
        Tensor features = _fnet.call(cat([first, second], 0));
        var pyramid = new RaftCorrelationPyramid(features.narrow(0, 0, batch), features.narrow(0, batch, batch), CorrelationLevels, _radius);
        Tensor context = _cnet.call(first);
        Tensor hidden = tanh(context.narrow(1, 0, _hiddenDim));
        Tensor input = F.relu(context.narrow(1, _hiddenDim, _contextDim));

        Tensor coords0 = CoordinateGrid(batch, height, width, image1.device);
        Tensor coords1 = coords0.clone();
        Tensor? mask = null;

        // Test mode returns only the last iteration's upsampled flow, so only its mask is computed.
        for (int iteration = 0; iteration < iterations; iteration++)
        {
            cancellationToken.ThrowIfCancellationRequested();

            // Only the hidden state, the position and the last iteration's mask outlive an iteration.
            using DisposeScope step = NewDisposeScope();
            Tensor correlation = pyramid.Lookup(coords1);
            RaftUpdate update = _updateBlock.Iterate(hidden, input, correlation, coords1 - coords0, withMask: iteration == iterations - 1);
            Tensor nextCoords = (coords1 + update.Delta).MoveToOuterDisposeScope();
            Tensor nextHidden = update.Hidden.MoveToOuterDisposeScope();
            mask = update.Mask?.MoveToOuterDisposeScope();
            coords1.Dispose();
            hidden.Dispose();
            (coords1, hidden) = (nextCoords, nextHidden);
        }

        Tensor flow = coords1 - coords0;
        Tensor upsampled = mask is null ? UpsampleBilinear(flow) : UpsampleConvex(flow, mask);
        return upsampled.MoveToOuterDisposeScope();
    }

    /// <summary>(x, y) of every pixel of a <paramref name="height"/>×<paramref name="width"/> grid, B × 2 × H × W (RAFT's <c>coords_grid</c>).</summary>
    private static Tensor CoordinateGrid(long batch, long height, long width, Device device)
    {
        Tensor ys = arange(height, ScalarType.Float32, device).view(1, height, 1).expand(1, height, width);
        Tensor xs = arange(width, ScalarType.Float32, device).view(1, 1, width).expand(1, height, width);
        return cat([xs, ys], 0).unsqueeze(0).repeat(batch, 1, 1, 1);
    }

    /// <summary>RAFT's <c>upsample_flow</c>: each fine pixel a softmax-weighted combination of the 3×3 coarse neighbours of 8·flow.</summary>
    private static Tensor UpsampleConvex(Tensor flow, Tensor mask)
    {
        long n = flow.shape[0];
        long height = flow.shape[2];
        long width = flow.shape[3];
        Tensor weights = softmax(mask.view(n, 1, 9, 8, 8, height, width), 2);
        Tensor neighbours = F.unfold(8 * flow, (3, 3), padding: (1, 1)).view(n, 2, 9, 1, 1, height, width);
        Tensor combined = (weights * neighbours).sum(2);
        return combined.permute(0, 1, 4, 2, 5, 3).reshape(n, 2, 8 * height, 8 * width);
    }

    /// <summary>RAFT's <c>upflow8</c>: 8 × bilinear interpolation with <c>align_corners=True</c>.</summary>
    private static Tensor UpsampleBilinear(Tensor flow) =>
        8 * F.interpolate(flow, [8 * flow.shape[2], 8 * flow.shape[3]], mode: InterpolationMode.Bilinear, align_corners: true);

    private static void CheckInput(Tensor image1, Tensor image2, int iterations)
    {
        if (iterations < 1)
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, string.Create(CultureInfo.InvariantCulture, $"RAFT needs at least one iteration, got {iterations}"));
        }

        if (image1.dim() != 4 || image1.shape[1] != 3 || !image1.shape.AsSpan().SequenceEqual(image2.shape))
        {
            throw new VideoSegException(
                ErrorCodes.InvalidArgument,
                $"RAFT needs two B × 3 × H × W batches of one shape, got [{string.Join(", ", image1.shape)}] and [{string.Join(", ", image2.shape)}]");
        }

        long height = image1.shape[2];
        long width = image1.shape[3];
        if (height % 8 != 0 || width % 8 != 0 || height < MinimumPaddedSide || width < MinimumPaddedSide)
        {
            throw new VideoSegException(
                ErrorCodes.InvalidArgument,
                string.Create(CultureInfo.InvariantCulture, $"RAFT needs frames whose sides are multiples of 8 and at least {MinimumPaddedSide} (pad with RaftInputPadder), got {width}×{height}"));
        }
    }
}
