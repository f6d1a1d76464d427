using System;
using System.Collections.Generic;
using System.Linq;
using VideoSeg.Core;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace VideoSeg.Models.Foreground;

/// <summary>
/// GWM's evaluation-time K→2 mask merger (<c>MaskMerger</c> in <c>src/eval_utils.py</c>): the mask-weighted mean
/// of a feature map per soft mask, the cosine affinity between those K vectors clamped below at 1e-6, a spectral
/// 2-clustering of that affinity (<see cref="SpectralBipartition"/>, sklearn's <c>SpectralClustering</c>), and the
/// sum of the soft masks within each cluster. GWM's features are DINO ViT-S/8 layer-11 key features of the
/// normalised frame; the feature source is the caller's (any (B, C, h, w) map, e.g. the network's backbone
/// features where the ViT-S/8 weights are absent).
/// Difference from GWM: GWM clusters the affinity of the first frame of the batch and applies that partition to
/// every frame (its evaluation batches hold one frame); here every frame is clustered on its own.
/// </summary>
public static class MaskMerger
{
    /// <summary>GWM's lower clamp of the cosine affinity (<c>.clamp(min=1e-6)</c>), which keeps the graph connected.</summary>
    public const double AffinityFloor = 1e-6;

    /// <summary>
    /// The pooled features (B, K, C): Σ_hw M_k F / max(Σ_hw M_k, 1e-12). <paramref name="masks"/> is (B, K, H, W),
    /// <paramref name="features"/> (B, C, h, w); as in GWM the features are resized to the masks' grid (bilinear,
    /// <c>align_corners=False</c>) where the grids differ.
    /// </summary>
    public static Tensor PoolFeatures(Tensor masks, Tensor features)
    {
        ArgumentNullException.ThrowIfNull(masks);
        ArgumentNullException.ThrowIfNull(features);
        if (masks.dim() != 4 || masks.shape[1] < 2)
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, $"masks must be (B, K, H, W) with K ≥ 2, got [{string.Join(",", masks.shape)}]");
        }

        if (features.dim() != 4 || features.shape[0] != masks.shape[0])
        {
            throw new VideoSegException(
                ErrorCodes.InvalidArgument,
                $"features must be (B, C, h, w) with the masks' batch size {masks.shape[0]}, got [{string.Join(",", features.shape)}]");
        }

        using var scope = NewDisposeScope();
        Tensor resized = features.shape[2] == masks.shape[2] && features.shape[3] == masks.shape[3]
            ? features
            : interpolate(features, size: [masks.shape[2], masks.shape[3]], mode: InterpolationMode.Bilinear, align_corners: false);
        Tensor weights = masks.to(resized.dtype);
        Tensor pooled = einsum("bkhw,bchw->bkc", weights, resized) / weights.sum([2, 3]).clamp_min(1e-12).unsqueeze(-1);
        return pooled.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// GWM's affinity (B, K, K) of pooled features (B, K, C): the cosine similarity (norms clamped below at 1e-6),
    /// clamped below at <see cref="AffinityFloor"/>, so negative similarities become 1e-6.
    /// </summary>
    public static Tensor CosineAffinity(Tensor pooled)
    {
        ArgumentNullException.ThrowIfNull(pooled);
        if (pooled.dim() != 3)
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, $"pooled features must be (B, K, C), got [{string.Join(",", pooled.shape)}]");
        }

        using var scope = NewDisposeScope();
        Tensor unit = pooled / linalg.vector_norm(pooled, dims: [-1], keepdim: true).clamp_min(1e-6);
        Tensor affinity = matmul(unit, unit.transpose(1, 2)).clamp_min(AffinityFloor);
        return affinity.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Merges K soft masks (B, K, H, W) into 2 using <paramref name="features"/> (B, C, h, w): pooled features,
    /// cosine affinity, spectral bipartition per frame, and the per-cluster sums of the masks.
    /// </summary>
    public static MaskMergeResult Merge(Tensor masks, Tensor features)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor affinity = CosineAffinity(PoolFeatures(masks, features));
        double[] values = affinity.to(ScalarType.Float64).cpu().data<double>().ToArray();
        int batch = (int)masks.shape[0];
        int k = (int)masks.shape[1];
        var labels = new List<int[]>(batch);
        var merged = new List<Tensor>(batch);
        for (int b = 0; b < batch; b++)
        {
            double[,] matrix = new double[k, k];
            for (int i = 0; i < k; i++)
            {
                for (int j = 0; j < k; j++)
                {
                    matrix[i, j] = values[(b * k * k) + (i * k) + j];
                }
            }

            int[] frameLabels = SpectralBipartition.Labels(matrix);
            labels.Add(frameLabels);
            Tensor assignment = tensor(frameLabels.Select(l => l == 1 ? 1.0f : 0.0f).ToArray(), device: masks.device).to(masks.dtype);
            Tensor oneHot = stack([1 - assignment, assignment], 1); // (K, 2)
            merged.Add(einsum("khw,kc->chw", masks[b], oneHot));
        }

        Tensor result = stack(merged, 0);
        return new MaskMergeResult(result.MoveToOuterDisposeScope(), labels);
    }
}
