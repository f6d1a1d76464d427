using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace VideoSeg.Models.Raft;

/// <summary>
/// RAFT's <c>ResidualBlock</c> (<c>core/extractor.py</c>), the unit of <c>BasicEncoder</c>: two 3×3 convolutions, each
/// followed by a norm and a ReLU, and a strided 1×1 projection of the shortcut, then <c>norm3</c>, when the block
/// downsamples. RAFT's <c>downsample</c> is <c>Sequential(conv, norm3)</c> with <c>norm3</c> the same object, so its
/// state dicts hold a batch norm's tensors twice, as <c>norm3.*</c> and <c>downsample.1.*</c>; here the norm is held
/// once, as <c>norm3</c> (TorchSharp's <c>state_dict</c> lists a shared module under one name or both depending on the
/// nesting), and <see cref="RaftCheckpoints"/> checks that a checkpoint's two copies are one tensor.
/// </summary>
public sealed class RaftResidualBlock : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "conv1")]
    private readonly Conv2d _conv1;

    [ComponentName(Name = "conv2")]
    private readonly Conv2d _conv2;

    [ComponentName(Name = "norm1")]
    private readonly nn.Module<Tensor, Tensor> _norm1;

    [ComponentName(Name = "norm2")]
    private readonly nn.Module<Tensor, Tensor> _norm2;

    [ComponentName(Name = "norm3")]
    private readonly nn.Module<Tensor, Tensor>? _norm3;

    [ComponentName(Name = "downsample")]
    private readonly Sequential? _downsample;

    /// <summary>Creates the block.</summary>
    /// <param name="inPlanes">Input channels.</param>
    /// <param name="planes">Output channels.</param>
    /// <param name="norm">The norm after each convolution.</param>
    /// <param name="stride">1, or 2 to halve the resolution (which adds the shortcut projection).</param>
    public RaftResidualBlock(long inPlanes, long planes, RaftNormKind norm, long stride)
        : base(nameof(RaftResidualBlock))
    {
        _conv1 = nn.Conv2d(inPlanes, planes, 3, stride: stride, padding: 1);
        _conv2 = nn.Conv2d(planes, planes, 3, padding: 1);
        _norm1 = RaftNorms.Create(norm, planes);
        _norm2 = RaftNorms.Create(norm, planes);
        if (stride != 1)
        {
            _norm3 = RaftNorms.Create(norm, planes);
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
        Tensor shortcut = _downsample is null ? input : _norm3!.call(_downsample.call(input));
        return F.relu(shortcut + y).MoveToOuterDisposeScope();
    }
}
