namespace VideoSeg.Models.Network;

/// <summary>Which feature extractor feeds GWM's pixel decoder and transformer predictor.</summary>
public enum GwmBackboneKind
{
    /// <summary>A small convolutional network trained from scratch (<see cref="SmallCnnBackbone"/>): practical on a CPU.</summary>
    SmallCnn = 0,

    /// <summary>GWM's frozen DINO ViT-B/8 with patch stride 4 (<see cref="DinoVitBackbone"/>); weights load from DINO's checkpoint.</summary>
    DinoVitB8 = 1,
}
