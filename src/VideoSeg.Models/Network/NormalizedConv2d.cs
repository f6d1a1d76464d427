using System;
using System.Diagnostics.CodeAnalysis;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace VideoSeg.Models.Network;

/// <summary>
/// detectron2's <c>layers.Conv2d</c>: a square 2-D convolution followed by an optional normalisation module and an
/// optional ReLU. Its state-dict keys are detectron2's: <c>weight</c>, <c>bias</c> (when present) and <c>norm.*</c>.
/// The normalisation module may be shared with other convolutions, as GWM's pixel decoder does; its parameters are then tied.
/// </summary>
[SuppressMessage("Style", "IDE1006", Justification = "Not applicable; see the field attributes.")]
public sealed class NormalizedConv2d : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "weight")]
    private readonly Parameter _weight;

    [ComponentName(Name = "bias")]
    private readonly Parameter? _bias;

    [ComponentName(Name = "norm")]
    private readonly nn.Module<Tensor, Tensor>? _norm;

    private readonly long _stride;
    private readonly long _padding;
    private readonly bool _relu;

    /// <summary>Creates the convolution with PyTorch's default <c>nn.Conv2d</c> initialisation.</summary>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="outChannels">Output channels.</param>
    /// <param name="kernelSize">Square kernel side.</param>
    /// <param name="stride">Stride.</param>
    /// <param name="padding">Zero padding on every side.</param>
    /// <param name="bias">Whether the convolution has a bias (detectron2 drops it when a norm follows).</param>
    /// <param name="norm">Normalisation applied after the convolution, or <see langword="null"/>.</param>
    /// <param name="relu">Whether a ReLU follows.</param>
    public NormalizedConv2d(long inChannels, long outChannels, long kernelSize, long stride, long padding, bool bias, nn.Module<Tensor, Tensor>? norm, bool relu)
        : base(nameof(NormalizedConv2d))
    {
        _weight = new Parameter(empty(outChannels, inChannels, kernelSize, kernelSize));
        _bias = bias ? new Parameter(empty(outChannels)) : null;
        _norm = norm;
        _stride = stride;
        _padding = padding;
        _relu = relu;
        ResetParameters();
        RegisterComponents();
    }

    /// <summary>The convolution kernel (outChannels × inChannels × k × k).</summary>
    public Parameter Weight => _weight;

    /// <summary>The bias, or <see langword="null"/>.</summary>
    public Parameter? Bias => _bias;

    /// <summary>The normalisation module, possibly shared, or <see langword="null"/>.</summary>
    public nn.Module<Tensor, Tensor>? Norm => _norm;

    /// <summary>PyTorch's <c>nn.Conv2d.reset_parameters</c>: Kaiming-uniform with a = √5, bias uniform in ±1/√fan_in.</summary>
    public void ResetParameters()
    {
        using var noGrad = no_grad();
        nn.init.kaiming_uniform_(_weight, Math.Sqrt(5));
        if (_bias is not null)
        {
            double bound = 1.0 / Math.Sqrt(_weight.shape[1] * _weight.shape[2] * _weight.shape[3]);
            nn.init.uniform_(_bias, -bound, bound);
        }
    }

    /// <summary>fvcore's <c>c2_xavier_fill</c>: Kaiming-uniform with a = 1 and a zero bias.</summary>
    public void C2XavierFill()
    {
        using var noGrad = no_grad();
        nn.init.kaiming_uniform_(_weight, 1.0);
        if (_bias is not null)
        {
            nn.init.zeros_(_bias);
        }
    }

    /// <summary>fvcore's <c>c2_msra_fill</c>: Kaiming-normal (fan out, ReLU) and a zero bias.</summary>
    public void C2MsraFill()
    {
        using var noGrad = no_grad();
        nn.init.kaiming_normal_(_weight, mode: nn.init.FanInOut.FanOut, nonlinearity: nn.init.NonlinearityType.ReLU);
        if (_bias is not null)
        {
            nn.init.zeros_(_bias);
        }
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        Tensor x = nn.functional.conv2d(input, _weight, _bias, strides: [_stride, _stride], padding: [_padding, _padding]);
        if (_norm is not null)
        {
            x = _norm.call(x);
        }

        return _relu ? nn.functional.relu(x) : x;
    }
}
