namespace VideoSeg.Models.Network;

/// <summary>Which feature extractor feeds GWM's pixel decoder and transformer predictor.</summary>
public enum GwmBackboneKind
{
    /// <summary>A small convolutional network trained from scratch (<see cref="SmallCnnBackbone"/>): practical on a CPU.</summary>
    SmallCnn = 0,

    /// <summary>GWM's frozen DINO ViT-B/8 with patch stride 4 (<see cref="DinoVitBackbone"/>); weights load from DINO's checkpoint.</summary>
    DinoVitB8 = 1,

    /// <summary>
    /// An ImageNet-supervised ResNet18 (<see cref="ResNet18Backbone"/>), frozen, its res2..res5 at strides 4 to 32;
    /// weights load from the <c>Microsoft.ML.DnnImageFeaturizer.ResNet18</c> NuGet package. Not GWM's backbone, whose
    /// DINO is self-supervised: it is always labelled <see cref="ResNet18Backbone.DisplayName"/>.
    /// </summary>
    ResNet18 = 2,
}
