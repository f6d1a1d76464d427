using System;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace VideoSeg.Models.Raft;

/// <summary>
/// RAFT's feature and context encoders (<c>core/extractor.py</c>): <c>BasicEncoder</c> for the full model (a 7×7
/// stride-2 convolution to 64 channels, residual stages of 64, 96 and 128 channels, the last two strided) and
/// <c>SmallEncoder</c> for RAFT-small (32 channels, bottleneck stages of 32, 64 and 96), each ending in a 1×1
/// convolution to <c>output_dim</c> at 1/8 of the input resolution. Dropout is RAFT's default, 0, so there is none.
/// </summary>
public sealed class RaftEncoder : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "norm1")]
    private readonly nn.Module<Tensor, Tensor> _norm1;

    [ComponentName(Name = "conv1")]
    private readonly Conv2d _conv1;

    [ComponentName(Name = "layer1")]
    private readonly Sequential _layer1;

    [ComponentName(Name = "layer2")]
    private readonly Sequential _layer2;

    [ComponentName(Name = "layer3")]
    private readonly Sequential _layer3;

    [ComponentName(Name = "conv2")]
    private readonly Conv2d _conv2;

    /// <summary>Creates the encoder with RAFT's initialisation (Kaiming-normal convolution weights, fan-out, ReLU gain).</summary>
    /// <param name="variant">Full (<c>BasicEncoder</c>) or small (<c>SmallEncoder</c>).</param>
    /// <param name="outputDim">Channels of the output map.</param>
    /// <param name="norm">The encoder's normalisation.</param>
    public RaftEncoder(RaftVariant variant, long outputDim, RaftNormKind norm)
        : base(nameof(RaftEncoder))
    {
        long[] widths = variant == RaftVariant.Full ? [64, 96, 128] : [32, 64, 96];
        long stem = widths[0];
        _norm1 = RaftNorms.Create(norm, stem);
        _conv1 = nn.Conv2d(3, stem, 7, stride: 2, padding: 3);
        _layer1 = Stage(variant, stem, widths[0], norm, 1);
        _layer2 = Stage(variant, widths[0], widths[1], norm, 2);
        _layer3 = Stage(variant, widths[1], widths[2], norm, 2);
        _conv2 = nn.Conv2d(widths[2], outputDim, 1);
        RegisterComponents();

        using (no_grad())
        {
            foreach (nn.Module module in modules())
            {
                if (module is Conv2d conv)
                {
                    nn.init.kaiming_normal_(conv.weight, mode: nn.init.FanInOut.FanOut, nonlinearity: nn.init.NonlinearityType.ReLU);
                }
            }
        }
    }

    /// <summary>Encodes normalised images (values in [−1, 1]).</summary>
    /// <param name="input">B × 3 × H × W, H and W multiples of 8.</param>
    /// <returns>B × output_dim × H/8 × W/8.</returns>
    public override Tensor forward(Tensor input)
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor x = F.relu(_norm1.call(_conv1.call(input)));
        x = _layer1.call(x);
        x = _layer2.call(x);
        x = _layer3.call(x);
        return _conv2.call(x).MoveToOuterDisposeScope();
    }

    private static Sequential Stage(RaftVariant variant, long inPlanes, long planes, RaftNormKind norm, long stride) => variant switch
    {
        RaftVariant.Full => nn.Sequential(new RaftResidualBlock(inPlanes, planes, norm, stride), new RaftResidualBlock(planes, planes, norm, 1)),
        RaftVariant.Small => nn.Sequential(new RaftBottleneckBlock(inPlanes, planes, norm, stride), new RaftBottleneckBlock(planes, planes, norm, 1)),
        _ => throw new ArgumentOutOfRangeException(nameof(variant), variant, "not a RAFT variant"),
    };
}
