using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using TorchSharp;
using TorchSharp.Utils;
using VideoSeg.Core;
using static TorchSharp.torch;

namespace VideoSeg.Models.Network;

/// <summary>
/// GWM's segmentation network (MaskFormer, <c>mask_former_model.py</c>): RGB in 0..255 is normalised by the pixel
/// mean and std, zero-padded to a multiple of <see cref="GwmNetworkOptions.SizeDivisibility"/>, passed through the
/// <c>backbone</c> and the <c>sem_seg_head</c>, and the logits are brought to the input size by GWM's
/// <c>interpolate_or_crop</c>: a centre crop when the logits are at most 10% larger (130×226 → 128×224), bilinear
/// interpolation otherwise. State-dict keys: <c>backbone.*</c> (DINO's names for the ViT) and GWM's
/// <c>sem_seg_head.pixel_decoder.*</c> / <c>sem_seg_head.predictor.*</c>; GWM stores the ViT as
/// <c>backbone.extractor.model.*</c>, so a GWM checkpoint's backbone keys need that prefix mapped.
/// </summary>
[SuppressMessage("Style", "IDE1006", Justification = "Field names are GWM's PyTorch state-dict keys, set via ComponentName.")]
public sealed class GwmNetwork : nn.Module<Tensor, Tensor>
{
    private const double CropTolerance = 1.1;

    [ComponentName(Name = "backbone")]
    private readonly GwmBackbone _backbone;

    [ComponentName(Name = "sem_seg_head")]
    private readonly MaskFormerHead _semSegHead;

    private readonly GwmNetworkOptions _options;

    /// <summary>Builds the network on <paramref name="device"/> with the current torch seed.</summary>
    /// <param name="options">Sizes; validated.</param>
    /// <param name="device">Device for parameters and buffers; CPU when <see langword="null"/>.</param>
    public GwmNetwork(GwmNetworkOptions options, Device? device = null)
        : base(nameof(GwmNetwork))
    {
        options.Validate();
        _options = options;
        _backbone = options.Backbone switch
        {
            GwmBackboneKind.DinoVitB8 => new DinoVitBackbone(options.Vit),
            GwmBackboneKind.ResNet18 => new ResNet18Backbone(),
            _ => new SmallCnnBackbone(options.FeatureChannels, options.GroupNormGroups),
        };
        _semSegHead = new MaskFormerHead(_backbone.OutputChannels, options);

        // Non-persistent, as GWM registers them: they are not checkpoint keys.
        register_buffer("pixel_mean", tensor(ToFloats(options.PixelMean)).view(1, 3, 1, 1), persistent: false);
        register_buffer("pixel_std", tensor(ToFloats(options.PixelStd)).view(1, 3, 1, 1), persistent: false);
        RegisterComponents();
        if (device is not null)
        {
            this.to(device);
        }
    }

    /// <summary>The options the network was built with.</summary>
    public GwmNetworkOptions Options => _options;

    /// <summary>The feature extractor.</summary>
    public GwmBackbone Backbone => _backbone;

    /// <summary>The pixel decoder and transformer predictor.</summary>
    public MaskFormerHead Head => _semSegHead;

    /// <summary>The state-dict key prefix of the backbone's weights.</summary>
    public const string BackbonePrefix = "backbone.";

    /// <summary>
    /// The entries of <c>state_dict()</c> that checkpoints hold: all of them, less the backbone's when it is not
    /// <see cref="GwmBackbone.IsCheckpointed"/> (it is restored from its own weights).
    /// </summary>
    /// <returns>The live tensors by key, in <c>state_dict()</c>'s order.</returns>
    public Dictionary<string, Tensor> CheckpointState()
    {
        Dictionary<string, Tensor> state = state_dict();
        return _backbone.IsCheckpointed
            ? state
            : state.Where(pair => !pair.Key.StartsWith(BackbonePrefix, StringComparison.Ordinal)).ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
    }

    /// <summary>Mask logits for a batch of images.</summary>
    /// <param name="input">RGB images with values in 0..255, B × 3 × H × W.</param>
    /// <returns>Logits, B × K × H × W.</returns>
    public override Tensor forward(Tensor input) => Decode(ExtractFeatures(input), input.shape[2], input.shape[3]);

    /// <summary>
    /// The backbone's feature maps for a batch of images, normalised and padded as <see cref="forward"/> does. With a
    /// frozen backbone they depend on the frame only, so fine-tuning computes them once per frame.
    /// </summary>
    /// <param name="input">RGB images with values in 0..255, B × 3 × H × W.</param>
    /// <returns>The backbone's maps, coarsest last, as the head takes them.</returns>
    public Tensor[] ExtractFeatures(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.dim() != 4 || input.shape[1] != 3)
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, $"GwmNetwork expects B×3×H×W images, got [{string.Join(", ", input.shape)}].");
        }

        long height = input.shape[2];
        long width = input.shape[3];
        Tensor normalised = (input - get_buffer("pixel_mean")!) / get_buffer("pixel_std")!;
        long divisor = _options.SizeDivisibility;
        long padBottom = ((height + divisor - 1) / divisor * divisor) - height;
        long padRight = ((width + divisor - 1) / divisor * divisor) - width;
        if (padBottom > 0 || padRight > 0)
        {
            normalised = nn.functional.pad(normalised, [0, padRight, 0, padBottom]);
        }

        return _backbone.call(normalised);
    }

    /// <summary>Mask logits from <see cref="ExtractFeatures"/>'s maps of images <paramref name="height"/> × <paramref name="width"/>: the head, then <see cref="InterpolateOrCrop"/>.</summary>
    /// <param name="features">The backbone's maps of a batch.</param>
    /// <param name="height">The images' height.</param>
    /// <param name="width">The images' width.</param>
    /// <returns>Logits, B × K × height × width.</returns>
    public Tensor Decode(Tensor[] features, long height, long width)
    {
        ArgumentNullException.ThrowIfNull(features);
        return InterpolateOrCrop(_semSegHead.call(features), height, width);
    }

    /// <summary>Softmax over the K masks under <c>no_grad</c>, in evaluation mode (dropout off); the training mode is restored.</summary>
    /// <param name="input">RGB images with values in 0..255, B × 3 × H × W.</param>
    /// <returns>Probabilities, B × K × H × W, summing to 1 over K.</returns>
    public Tensor Predict(Tensor input)
    {
        bool wasTraining = training;
        eval();
        try
        {
            using var noGrad = no_grad();
            return nn.functional.softmax(forward(input), 1);
        }
        finally
        {
            train(wasTraining);
        }
    }

    /// <summary>GWM's <c>interpolate_or_crop</c>: torchvision's centre crop within a 10% margin, else bilinear resizing.</summary>
    /// <param name="logits">B × K × h × w.</param>
    /// <param name="height">Target height.</param>
    /// <param name="width">Target width.</param>
    /// <returns>B × K × height × width.</returns>
    public static Tensor InterpolateOrCrop(Tensor logits, long height, long width)
    {
        long h = logits.shape[2];
        long w = logits.shape[3];
        if (h == height && w == width)
        {
            return logits;
        }

        if (height <= h && h < CropTolerance * height && width <= w && w < CropTolerance * width)
        {
            // torchvision: int(round((h - H) / 2.0)), Python's round-half-to-even.
            long top = (long)Math.Round((h - height) / 2.0, MidpointRounding.ToEven);
            long left = (long)Math.Round((w - width) / 2.0, MidpointRounding.ToEven);
            return logits[.., .., TensorIndex.Slice(top, top + height), TensorIndex.Slice(left, left + width)];
        }

        return nn.functional.interpolate(logits, size: [height, width], mode: InterpolationMode.Bilinear, align_corners: false);
    }

    private static float[] ToFloats(System.Collections.Generic.IReadOnlyList<double> values)
    {
        var result = new float[values.Count];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = (float)values[i];
        }

        return result;
    }
}
