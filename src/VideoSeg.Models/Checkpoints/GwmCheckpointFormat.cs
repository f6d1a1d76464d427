namespace VideoSeg.Models.Checkpoints;

/// <summary>Where a GWM-network checkpoint comes from, which decides how its names map onto <see cref="Network.GwmNetwork"/>.</summary>
public enum GwmCheckpointFormat
{
    /// <summary>The export of <c>videoseg train</c>: the whole network (backbone included) under our names, loaded with <see cref="KeyMap.Identity"/>.</summary>
    VideoSegExport,

    /// <summary>
    /// GWM's published <c>checkpoint_best.pth</c> (detectron2 layout, <c>criterion.*</c> present): GWM's names, loaded with
    /// <see cref="KeyMap.Gwm"/>; the DINO ViT-B/8 backbone is not in it and comes from DINO's own weights file.
    /// </summary>
    GwmPublished,
}
