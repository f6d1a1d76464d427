using System.Diagnostics.CodeAnalysis;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace VideoSeg.Models.Network;

/// <summary>
/// torchvision's ResNet <c>BasicBlock</c>: conv3×3 → BN → ReLU → conv3×3 → BN, plus the shortcut (the input, or a
/// 1×1 stride-2 conv and BN where the block halves the resolution), then ReLU. State-dict keys are torchvision's
/// (<c>conv1</c>, <c>bn1</c>, <c>conv2</c>, <c>bn2</c>, <c>downsample.0</c>, <c>downsample.1</c>). The first
/// convolution's padding is given per side (see <see cref="ConvPadding"/>), so CNTK's stride-2 layout is reproduced.
/// </summary>
[SuppressMessage("Style", "IDE1006", Justification = "Field names are torchvision's state-dict keys, set via ComponentName.")]
public sealed class ResNetBasicBlock : nn.Module<Tensor, Tensor>
{
    /// <summary>BatchNorm's ε in the ImageNet model (ONNX attribute <c>epsilon</c>).</summary>
    public const double BatchNormEpsilon = 1e-5;

    [ComponentName(Name = "conv1")]
    private readonly Conv2d _conv1;

    [ComponentName(Name = "bn1")]
    private readonly BatchNorm2d _bn1;

    [ComponentName(Name = "conv2")]
    private readonly Conv2d _conv2;

    [ComponentName(Name = "bn2")]
    private readonly BatchNorm2d _bn2;

    [ComponentName(Name = "downsample")]
    private readonly Sequential? _downsample;

    /// <summary>Builds the block.</summary>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="outChannels">Output channels.</param>
    /// <param name="stride">1, or 2 where the block halves the resolution (it then has a 1×1 projection shortcut).</param>
    public ResNetBasicBlock(long inChannels, long outChannels, long stride)
        : base(nameof(ResNetBasicBlock))
    {
        Stride = stride;
        FirstPadding = stride == 1 ? ConvPadding.Uniform(1) : new ConvPadding(1, 1, 0, 0);
        _conv1 = nn.Conv2d(inChannels, outChannels, 3, stride: stride, padding: 0L, bias: false);
        _bn1 = nn.BatchNorm2d(outChannels, eps: BatchNormEpsilon);
        _conv2 = nn.Conv2d(outChannels, outChannels, 3, stride: 1, padding: 1L, bias: false);
        _bn2 = nn.BatchNorm2d(outChannels, eps: BatchNormEpsilon);
        if (stride != 1 || inChannels != outChannels)
        {
            _downsample = nn.Sequential(
                nn.Conv2d(inChannels, outChannels, 1, stride: stride, padding: 0L, bias: false),
                nn.BatchNorm2d(outChannels, eps: BatchNormEpsilon));
        }

        RegisterComponents();
    }

    /// <summary>The stride of the first convolution and of the shortcut.</summary>
    public long Stride { get; }

    /// <summary>The first convolution's padding (the second's is 1 on every side).</summary>
    public ConvPadding FirstPadding { get; }

    /// <summary>The first convolution.</summary>
    public Conv2d Conv1 => _conv1;

    /// <summary>The first BatchNorm.</summary>
    public BatchNorm2d Bn1 => _bn1;

    /// <summary>The second convolution.</summary>
    public Conv2d Conv2 => _conv2;

    /// <summary>The second BatchNorm.</summary>
    public BatchNorm2d Bn2 => _bn2;

    /// <summary>The projection shortcut's convolution, or null for an identity shortcut.</summary>
    public Conv2d? DownsampleConv => (Conv2d?)_downsample?[0];

    /// <summary>The projection shortcut's BatchNorm, or null for an identity shortcut.</summary>
    public BatchNorm2d? DownsampleBn => (BatchNorm2d?)_downsample?[1];

    /// <summary>Runs the block.</summary>
    /// <param name="input">B × inChannels × H × W.</param>
    /// <returns>B × outChannels × H/stride × W/stride.</returns>
    public override Tensor forward(Tensor input)
    {
        Tensor y = nn.functional.relu(_bn1.call(_conv1.call(FirstPadding.Apply(input))));
        y = _bn2.call(_conv2.call(y));
        Tensor shortcut = _downsample is null ? input : _downsample.call(input);
        return nn.functional.relu(y + shortcut);
    }
}
