using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace VideoSeg.Models.Raft;

/// <summary>
/// RAFT's <c>BottleneckBlock</c> (<c>core/extractor.py</c>), the unit of <c>SmallEncoder</c>: 1×1 to a quarter of the
/// channels, 3×3 (strided when the block downsamples), 1×1 back, each followed by a norm and a ReLU, and a strided 1×1
/// projection of the shortcut followed by <c>norm4</c>, held once as in <see cref="RaftResidualBlock"/> (RAFT's
/// <c>downsample.1</c> is the same object).
/// </summary>
public sealed class RaftBottleneckBlock : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "conv1")]
    private readonly Conv2d _conv1;

    [ComponentName(Name = "conv2")]
    private readonly Conv2d _conv2;

    [ComponentName(Name = "conv3")]
    private readonly Conv2d _conv3;

    [ComponentName(Name = "norm1")]
    private readonly nn.Module<Tensor, Tensor> _norm1;

    [ComponentName(Name = "norm2")]
    private readonly nn.Module<Tensor, Tensor> _norm2;

    [ComponentName(Name = "norm3")]
    private readonly nn.Module<Tensor, Tensor> _norm3;

    [ComponentName(Name = "norm4")]
    private readonly nn.Module<Tensor, Tensor>? _norm4;

    [ComponentName(Name = "downsample")]
    private readonly Sequential? _downsample;

    /// <summary>Creates the block.</summary>
    /// <param name="inPlanes">Input channels.</param>
    /// <param name="planes">Output channels (the inner convolutions have a quarter of them).</param>
    /// <param name="norm">The norm after each convolution.</param>
    /// <param name="stride">1, or 2 to halve the resolution (which adds the shortcut projection).</param>
    public RaftBottleneckBlock(long inPlanes, long planes, RaftNormKind norm, long stride)
        : base(nameof(RaftBottleneckBlock))
    {
        long inner = planes / 4;
        _conv1 = nn.Conv2d(inPlanes, inner, 1);
        _conv2 = nn.Conv2d(inner, inner, 3, stride: stride, padding: 1);
        _conv3 = nn.Conv2d(inner, planes, 1);
        _norm1 = RaftNorms.Create(norm, inner);
        _norm2 = RaftNorms.Create(norm, inner);
        _norm3 = RaftNorms.Create(norm, planes);
        if (stride != 1)
        {
            _norm4 = RaftNorms.Create(norm, planes);
            _downsample = nn.Sequential(nn.Conv2d(inPlanes, planes, 1, stride: stride));
        }

        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        // A scope per block bounds the memory of a frame batch at 480p to one block's intermediates.
        using DisposeScope scope = NewDisposeScope();
        Tensor y = F.relu(_norm1.call(_conv1.call(input)));
        y = F.relu(_norm2.call(_conv2.call(y)));
        y = F.relu(_norm3.call(_conv3.call(y)));
        Tensor shortcut = _downsample is null ? input : _norm4!.call(_downsample.call(input));
        return F.relu(shortcut + y).MoveToOuterDisposeScope();
    }
}
