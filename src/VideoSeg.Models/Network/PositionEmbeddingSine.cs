using System;
using static TorchSharp.torch;

namespace VideoSeg.Models.Network;

/// <summary>
/// DETR's <c>PositionEmbeddingSine</c> with <c>normalize=True</c> and no padding mask, as MaskFormer's <c>pe_layer</c>
/// uses it: row and column positions scaled to (0, 2π], then interleaved sin/cos of positions over temperature^(2⌊i/2⌋/F).
/// It has no parameters.
/// </summary>
public static class PositionEmbeddingSine
{
    /// <summary>Computes the encoding for a feature map's shape.</summary>
    /// <param name="batch">Batch size.</param>
    /// <param name="height">Map height.</param>
    /// <param name="width">Map width.</param>
    /// <param name="numPosFeats">Features per axis (hidden dim / 2).</param>
    /// <param name="device">Device of the result.</param>
    /// <param name="temperature">DETR's temperature (10000).</param>
    /// <returns>B × 2·numPosFeats × H × W, y features first, then x.</returns>
    public static Tensor Encode(long batch, long height, long width, int numPosFeats, Device device, double temperature = 10000)
    {
        const double Epsilon = 1e-6;
        double scale = 2 * Math.PI;
        using var scope = NewDisposeScope();
        Tensor notMask = ones([batch, height, width], dtype: ScalarType.Float32, device: device);
        Tensor yEmbed = notMask.cumsum(1);
        Tensor xEmbed = notMask.cumsum(2);
        yEmbed = yEmbed / (yEmbed[.., ^1.., ..] + Epsilon) * scale;
        xEmbed = xEmbed / (xEmbed[.., .., ^1..] + Epsilon) * scale;

        Tensor dimT = arange(numPosFeats, dtype: ScalarType.Float32, device: device);
        dimT = pow(temperature, 2 * floor_divide(dimT, 2) / numPosFeats);

        Tensor posX = Interleave(xEmbed.unsqueeze(-1) / dimT);
        Tensor posY = Interleave(yEmbed.unsqueeze(-1) / dimT);
        return cat([posY, posX], 3).permute(0, 3, 1, 2).contiguous().MoveToOuterDisposeScope();
    }

    private static Tensor Interleave(Tensor positions)
    {
        Tensor sines = positions[.., .., .., TensorIndex.Slice(0, null, 2)].sin();
        Tensor cosines = positions[.., .., .., TensorIndex.Slice(1, null, 2)].cos();
        return stack([sines, cosines], 4).flatten(3);
    }
}
