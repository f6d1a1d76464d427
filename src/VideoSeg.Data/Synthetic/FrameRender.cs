using VideoSeg.Core.Imaging;

namespace VideoSeg.Data.Synthetic;

/// <summary>One rendered frame and, per pixel, which surface it shows and where on that surface.</summary>
internal sealed class FrameRender
{
    /// <summary>The frame.</summary>
    public required RgbImage Image { get; init; }

    /// <summary>The main object's visible pixels.</summary>
    public required BinaryMask Mask { get; init; }

    /// <summary>Per pixel, the front-most layer's index, or -1 for the background.</summary>
    public required int[] Surface { get; init; }

    /// <summary>Per pixel, interleaved x, y: object coordinates on that layer, or world coordinates on the background.</summary>
    public required double[] SurfacePoint { get; init; }
}
