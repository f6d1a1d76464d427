using System;
using System.Collections.Generic;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace VideoSeg.Models.Raft;

/// <summary>
/// RAFT's <c>CorrBlock</c> (<c>core/corr.py</c>): the all-pairs correlation of two feature maps, fmap1ᵀ·fmap2 / √C,
/// kept as one (H·W)-sample stack of H×W maps and average-pooled 2×2 into a pyramid, and its lookup: around each
/// pixel's current position, a (2r + 1)² window sampled bilinearly (<c>grid_sample</c>, <c>align_corners=True</c>,
/// zeros outside) at every level, with the position divided by 2^level.
/// </summary>
/// <remarks>
/// RAFT builds the window offsets as <c>stack(meshgrid(dy, dx), -1)</c> and adds them to (x, y), so the first offset,
/// which varies along the window's rows, moves x: the lookup's channel i·(2r + 1) + j samples (x − r + i, y − r + j).
/// That order is what the released weights were trained with, so it is kept.
/// </remarks>
public sealed class RaftCorrelationPyramid
{
    private readonly List<Tensor> _levels;
    private readonly Tensor _offsets;
    private readonly int _radius;

    /// <summary>Builds the pyramid in the current dispose scope.</summary>
    /// <param name="fmap1">Features of the first frames, B × C × H × W.</param>
    /// <param name="fmap2">Features of the second frames, same shape.</param>
    /// <param name="levels">Pyramid levels (RAFT: 4).</param>
    /// <param name="radius">Lookup radius (RAFT: 4, RAFT-small: 3).</param>
    public RaftCorrelationPyramid(Tensor fmap1, Tensor fmap2, int levels, int radius)
    {
        ArgumentNullException.ThrowIfNull(fmap1);
        ArgumentNullException.ThrowIfNull(fmap2);
        long batch = fmap1.shape[0];
        long dim = fmap1.shape[1];
        long height = fmap1.shape[2];
        long width = fmap1.shape[3];
        Tensor correlation = matmul(fmap1.view(batch, dim, height * width).transpose(1, 2), fmap2.view(batch, dim, height * width));
        correlation = correlation.div_(Math.Sqrt(dim)).reshape(batch * height * width, 1, height, width);
        _levels = [correlation];
        for (int i = 1; i < levels; i++)
        {
            correlation = F.avg_pool2d(correlation, 2, stride: 2);
            _levels.Add(correlation);
        }

        _radius = radius;
        int side = (2 * radius) + 1;
        Tensor steps = linspace(-radius, radius, side, ScalarType.Float32, fmap1.device);
        Tensor[] mesh = meshgrid([steps, steps], indexing: "ij");
        _offsets = stack([mesh[0], mesh[1]], -1).view(1, side, side, 2);
    }

    /// <summary>Channels of a lookup: levels × (2r + 1)².</summary>
    public long Planes => _levels.Count * (long)((2 * _radius) + 1) * ((2 * _radius) + 1);

    /// <summary>The correlation windows around <paramref name="coordinates"/>.</summary>
    /// <param name="coordinates">Each pixel's current position in the second frame, B × 2 × H × W, (x, y) in pixels of the 1/8 grid.</param>
    /// <returns>B × <see cref="Planes"/> × H × W, level-major.</returns>
    public Tensor Lookup(Tensor coordinates)
    {
        ArgumentNullException.ThrowIfNull(coordinates);
        Tensor positions = coordinates.permute(0, 2, 3, 1);
        long batch = positions.shape[0];
        long height = positions.shape[1];
        long width = positions.shape[2];
        Tensor centroids = positions.reshape(batch * height * width, 1, 1, 2);
        var sampled = new Tensor[_levels.Count];
        for (int level = 0; level < _levels.Count; level++)
        {
            Tensor correlation = _levels[level];
            Tensor window = (centroids / Math.Pow(2, level)) + _offsets;
            sampled[level] = BilinearSample(correlation, window).view(batch, height, width, -1);
        }

        return cat(sampled, -1).permute(0, 3, 1, 2).contiguous();
    }

    /// <summary>RAFT's <c>bilinear_sampler</c>: pixel coordinates to <c>grid_sample</c>'s [−1, 1] with <c>align_corners=True</c>.</summary>
    private static Tensor BilinearSample(Tensor image, Tensor coordinates)
    {
        long height = image.shape[2];
        long width = image.shape[3];
        Tensor[] xy = coordinates.split([1, 1], -1);
        Tensor x = (2 * xy[0] / (width - 1)) - 1;
        Tensor y = (2 * xy[1] / (height - 1)) - 1;
        return F.grid_sample(image, cat([x, y], -1), GridSampleMode.Bilinear, GridSamplePaddingMode.Zeros, align_corners: true);
    }
}
