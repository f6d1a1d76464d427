using VideoSeg.Core.Imaging;

namespace VideoSeg.Reports.Qualitative;

/// <summary>A mask to show in a qualitative strip, with its caption.</summary>
/// <param name="Label">The caption, e.g. "GWM (base)" or "After 2 iterations".</param>
/// <param name="Mask">The mask, at the frame's size.</param>
/// <param name="J">The mask's J against the ground truth as a fraction, shown ×100 in the caption when given.</param>
public sealed record LabelledMask(string Label, BinaryMask Mask, double? J = null);
