using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using TorchSharp.Modules;
using TorchSharp.Utils;
using VideoSeg.Core;
using static TorchSharp.torch;

namespace VideoSeg.Models.Network;

/// <summary>
/// An ImageNet-supervised ResNet18 as CNTK built it, frozen, as GWM's backbone. torchvision's layout and names, with two
/// differences that the package's model has: the last stage holds three basic blocks, not two (stages of 2, 2, 2 and 3
/// blocks: 22 convolutions), and stride-2 windows are padded CNTK's way (see <see cref="ConvPadding"/>). The outputs of
/// <c>layer1</c>..<c>layer4</c> are res2..res5 at strides 4, 8, 16 and 32 with 64, 128, 256 and 512 channels
/// (32×56, 16×28, 8×14 and 4×7 for a 128×224 input), the pyramid the pixel decoder's FPN expects; the classifier's
/// global pooling is not used. Weights come from the <c>Microsoft.ML.DnnImageFeaturizer.ResNet18</c> package's ONNX
/// model (<see cref="Onnx.ResNet18OnnxReader"/>), whose first convolution reads BGR: the backbone takes RGB in
/// 0..255 and applies the package's own preprocessing (<c>ResNetPreprocess.onnx</c>: channels reversed to BGR, then
/// the per-pixel ImageNet mean image, 3×224×224, subtracted; no division), with the mean image area-resampled to
/// other input sizes. It is frozen: no parameter requires gradients, the forward runs under <c>no_grad</c>, and it
/// stays in evaluation mode (BatchNorm uses the stored ImageNet statistics) whatever <see cref="train"/> asks.
/// State-dict keys are torchvision's (<c>conv1</c>, <c>bn1</c>, <c>layer{1..4}.{i}.*</c>) plus <c>mean_image</c>.
/// </summary>
[SuppressMessage("Style", "IDE1006", Justification = "Field names are torchvision's state-dict keys, set via ComponentName.")]
public sealed class ResNet18Backbone : GwmBackbone
{
    /// <summary>How every table, manifest and log names this backbone, so that it is never taken for GWM's self-supervised DINO.</summary>
    public const string DisplayName = "ResNet18 (ImageNet-supervised)";

    /// <summary>The side of the package's ImageNet input and mean image.</summary>
    public const int MeanImageSide = 224;

    /// <summary>The stem's padding in the ONNX model (7×7, stride 2: 3 before, 2 after).</summary>
    public static readonly ConvPadding StemPadding = new(3, 3, 2, 2);

    /// <summary>The max pool's padding in the ONNX model (3×3, stride 2: 1 before, 0 after).</summary>
    public static readonly ConvPadding PoolPadding = new(1, 1, 0, 0);

    private static readonly int[] s_channels = [64, 128, 256, 512];

    [ComponentName(Name = "conv1")]
    private readonly Conv2d _conv1;

    [ComponentName(Name = "bn1")]
    private readonly BatchNorm2d _bn1;

    [ComponentName(Name = "layer1")]
    private readonly ModuleList<ResNetBasicBlock> _layer1;

    [ComponentName(Name = "layer2")]
    private readonly ModuleList<ResNetBasicBlock> _layer2;

    [ComponentName(Name = "layer3")]
    private readonly ModuleList<ResNetBasicBlock> _layer3;

    [ComponentName(Name = "layer4")]
    private readonly ModuleList<ResNetBasicBlock> _layer4;

    /// <summary>Builds the network with PyTorch's default initialisation and a zero mean image; load the package's weights afterwards.</summary>
    public ResNet18Backbone()
        : base(nameof(ResNet18Backbone))
    {
        _conv1 = nn.Conv2d(3, 64, 7, stride: 2, padding: 0L, bias: false);
        _bn1 = nn.BatchNorm2d(64, eps: ResNetBasicBlock.BatchNormEpsilon);
        _layer1 = Layer(64, 64, 1);
        _layer2 = Layer(64, 128, 2);
        _layer3 = Layer(128, 256, 2);
        _layer4 = Layer(256, 512, 2, 3);

        // Persistent: a trained model's checkpoint then holds the whole preprocessing with the weights.
        register_buffer("mean_image", zeros(1, 3, MeanImageSide, MeanImageSide));
        RegisterComponents();
        foreach (Parameter parameter in parameters())
        {
            parameter.requires_grad = false;
        }

        base.train(false);
    }

    /// <inheritdoc/>
    public override IReadOnlyList<int> OutputChannels => s_channels;

    /// <inheritdoc/>
    public override bool IsFrozen => true;

    /// <inheritdoc/>
    public override bool IsCheckpointed => false;

    /// <summary>The stem convolution (7×7, stride 2, 3 → 64).</summary>
    public Conv2d Stem => _conv1;

    /// <summary>The stem's BatchNorm.</summary>
    public BatchNorm2d StemNorm => _bn1;

    /// <summary>The nine basic blocks in order with their state-dict prefixes: layer1.0, layer1.1, layer2.0, … layer4.2.</summary>
    public IReadOnlyList<(string Prefix, ResNetBasicBlock Block)> Blocks =>
        new[] { _layer1, _layer2, _layer3, _layer4 }.SelectMany((layer, l) => layer.Select((block, b) => ($"layer{l + 1}.{b}", block))).ToArray();

    /// <summary>The package's mean image in BGR order, 1 × 3 × 224 × 224, in 0..255 units.</summary>
    public Tensor MeanImage => get_buffer("mean_image")!;

    /// <summary>Keeps the backbone in evaluation mode: BatchNorm must use the ImageNet statistics, never a batch's.</summary>
    /// <param name="train">Ignored.</param>
    public override void train(bool train = true) => base.train(false);

    /// <summary>
    /// The package's preprocessing of RGB images in 0..255 (B × 3 × H × W): channels reversed to BGR, and the mean
    /// image subtracted, area-resampled to H × W first when the size is not 224 × 224 (at 224 × 224 it is exactly
    /// <c>ResNetPreprocess.onnx</c>).
    /// </summary>
    public Tensor Preprocess(Tensor rgb)
    {
        ArgumentNullException.ThrowIfNull(rgb);
        if (rgb.dim() != 4 || rgb.shape[1] != 3)
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, $"ResNet18Backbone expects B×3×H×W images, got [{string.Join(", ", rgb.shape)}].");
        }

        Tensor mean = MeanImage;
        if (rgb.shape[2] != MeanImageSide || rgb.shape[3] != MeanImageSide)
        {
            mean = nn.functional.interpolate(mean, size: [rgb.shape[2], rgb.shape[3]], mode: InterpolationMode.Area);
        }

        return rgb.flip(1) - mean;
    }

    /// <summary>res2..res5 of RGB images in 0..255, preprocessed as the package does, under <c>no_grad</c>.</summary>
    /// <param name="input">RGB images with values in 0..255, B × 3 × H × W (GwmNetwork passes them through its identity normalisation).</param>
    /// <returns>Four maps, finest first: B × 64 × H/4 × W/4, …, B × 512 × H/32 × W/32.</returns>
    public override Tensor[] forward(Tensor input)
    {
        using var noGrad = no_grad();
        Tensor x = nn.functional.relu(_bn1.call(_conv1.call(StemPadding.Apply(Preprocess(input)))));
        x = nn.functional.max_pool2d(PoolPadding.Apply(x, double.NegativeInfinity), 3, 2);
        var features = new Tensor[4];
        ModuleList<ResNetBasicBlock>[] layers = [_layer1, _layer2, _layer3, _layer4];
        for (int level = 0; level < layers.Length; level++)
        {
            foreach (ResNetBasicBlock block in layers[level])
            {
                x = block.call(x);
            }

            features[level] = x;
        }

        return features;
    }

    /// <summary>The package model's own output: res5 averaged over its 7×7 grid (a 224×224 input), B × 512 × 1 × 1.</summary>
    /// <param name="input">RGB images in 0..255, B × 3 × 224 × 224.</param>
    public Tensor PooledFeatures(Tensor input)
    {
        using var noGrad = no_grad();
        Tensor res5 = forward(input)[3];
        return nn.functional.avg_pool2d(res5, [res5.shape[2], res5.shape[3]]);
    }

    private static ModuleList<ResNetBasicBlock> Layer(long inChannels, long outChannels, long stride, int blocks = 2) =>
        nn.ModuleList([new ResNetBasicBlock(inChannels, outChannels, stride), .. Enumerable.Range(1, blocks - 1).Select(_ => new ResNetBasicBlock(outChannels, outChannels, 1))]);

    /// <summary>Every BatchNorm, for checks that the backbone stays in evaluation mode.</summary>
    internal IEnumerable<BatchNorm2d> BatchNorms() => modules().OfType<BatchNorm2d>();
}
