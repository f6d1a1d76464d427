using static TorchSharp.torch;

namespace VideoSeg.Models.Foreground;

/// <summary>
/// What an <see cref="IForegroundSelector"/> chooses from, for one frame.
/// </summary>
/// <param name="Masks">(2, h, w): the two merged soft masks (probabilities), e.g. one frame of <see cref="MaskMergeResult.Masks"/>.</param>
/// <param name="Flow">(2, H, W) or null: the frame's forward flow in pixels, u then v; rules that use motion need it.</param>
/// <param name="GroundTruth">(H', W') or null: the ground-truth mask, non-zero = foreground (0/1 or 0/255); only oracle rules read it.</param>
public sealed record ForegroundCandidates(Tensor Masks, Tensor? Flow = null, Tensor? GroundTruth = null);
