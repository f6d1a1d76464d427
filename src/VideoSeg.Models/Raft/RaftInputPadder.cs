using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace VideoSeg.Models.Raft;

/// <summary>
/// RAFT's <c>InputPadder</c> (<c>core/utils/utils.py</c>) in its default <c>'sintel'</c> mode, the one <c>demo.py</c> and
/// the Sintel evaluation use: replicate-pads both frames to multiples of 8, splitting each side's padding in two
/// (the smaller half left and top), and crops the flow back. Its <c>'kitti'</c> mode, which pads the bottom only, is not offered.
/// </summary>
public static class RaftInputPadder
{
    /// <summary>The padding (left, right, top, bottom) that takes a <paramref name="width"/>×<paramref name="height"/> frame to multiples of 8.</summary>
    /// <param name="width">Frame width.</param>
    /// <param name="height">Frame height.</param>
    /// <returns>Pixels added on each side.</returns>
    public static (int Left, int Right, int Top, int Bottom) Padding(int width, int height)
    {
        int padWidth = (((width / 8) + 1) * 8 - width) % 8;
        int padHeight = (((height / 8) + 1) * 8 - height) % 8;
        return (padWidth / 2, padWidth - (padWidth / 2), padHeight / 2, padHeight - (padHeight / 2));
    }

    /// <summary>Replicate-pads B × C × H × W frames to multiples of 8.</summary>
    /// <param name="frames">The frames.</param>
    /// <returns>The padded frames (the input itself when no padding is needed).</returns>
    public static Tensor Pad(Tensor frames)
    {
        System.ArgumentNullException.ThrowIfNull(frames);
        (int left, int right, int top, int bottom) = Padding((int)frames.shape[3], (int)frames.shape[2]);
        return left + right + top + bottom == 0 ? frames : F.pad(frames, [left, right, top, bottom], PaddingModes.Replicate);
    }

    /// <summary>Crops a flow computed on padded frames back to the original <paramref name="width"/>×<paramref name="height"/>.</summary>
    /// <param name="flow">B × 2 × H' × W' on the padded grid.</param>
    /// <param name="width">Original width.</param>
    /// <param name="height">Original height.</param>
    /// <returns>B × 2 × <paramref name="height"/> × <paramref name="width"/>.</returns>
    public static Tensor Unpad(Tensor flow, int width, int height)
    {
        System.ArgumentNullException.ThrowIfNull(flow);
        (int left, _, int top, _) = Padding(width, height);
        return flow.narrow(2, top, height).narrow(3, left, width);
    }
}
