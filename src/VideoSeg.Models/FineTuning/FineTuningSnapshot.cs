using VideoSeg.Core.Imaging;

namespace VideoSeg.Models.FineTuning;

/// <summary>The foreground the corner rule picks on one frame after <paramref name="Iteration"/> steps (the paper's Figure 9).</summary>
/// <param name="Iteration">Steps done.</param>
/// <param name="Frame">The frame's index in the sequence.</param>
/// <param name="Foreground">The mask at the network's input size.</param>
public sealed record FineTuningSnapshot(int Iteration, int Frame, BinaryMask Foreground);
