using static TorchSharp.torch;

namespace VideoSeg.Models.FineTuning;

/// <summary>What <see cref="ConsistencyLoss.Compute"/> returns.</summary>
/// <param name="Total">The scalar to back-propagate: weight · consistency + α_c · deviation.</param>
/// <param name="Consistency">The unweighted consistency term, summed over pairs.</param>
/// <param name="Deviation">The unweighted deviation term, summed over pairs (0 when the regulariser is off).</param>
/// <param name="FirstChannels">The foreground channel chosen for each pair's frame t.</param>
/// <param name="SecondChannels">The foreground channel chosen for each pair's frame t+1.</param>
public sealed record ConsistencyLossValue(Tensor Total, double Consistency, double Deviation, int[] FirstChannels, int[] SecondChannels);
