using TorchSharp;
using static TorchSharp.torch;

namespace VideoSeg.Models.Network;

/// <summary>
/// Zero (or, for max pooling, −∞) padding given per side, as ONNX's <c>pads</c> attribute gives it
/// (<c>[top, left, bottom, right]</c>). CNTK's exports pad stride-2 windows on the leading side only when the window
/// does not fit evenly (7×7/2: 3 before, 2 after; 3×3/2: 1 before, 0 after), where PyTorch pads both sides equally:
/// the outputs agree on even input sizes, but applying ONNX's own pads keeps them equal on any size.
/// </summary>
/// <param name="Top">Rows added above.</param>
/// <param name="Left">Columns added on the left.</param>
/// <param name="Bottom">Rows added below.</param>
/// <param name="Right">Columns added on the right.</param>
public readonly record struct ConvPadding(long Top, long Left, long Bottom, long Right)
{
    /// <summary>The same padding on every side.</summary>
    public static ConvPadding Uniform(long pad) => new(pad, pad, pad, pad);

    /// <summary>Whether every side has the same padding, which the convolution itself can apply.</summary>
    public bool IsUniform => Top == Left && Left == Bottom && Bottom == Right;

    /// <summary>The padding as ONNX writes it: <c>[top, left, bottom, right]</c>.</summary>
    public long[] ToOnnx() => [Top, Left, Bottom, Right];

    /// <summary>Pads <paramref name="input"/> (B × C × H × W) with <paramref name="value"/>.</summary>
    public Tensor Apply(Tensor input, double value = 0) =>
        nn.functional.pad(input, [Left, Right, Top, Bottom], PaddingModes.Constant, value);
}
