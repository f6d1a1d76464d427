namespace VideoSeg.Models.Loss;

/// <summary>
/// One of GWM's flow-gap combinations (<c>itertools.combinations(pairs, 2)</c> in <c>src/config.py</c>):
/// the sample carries the flows of both gaps, and only <see cref="First"/>'s is used by the loss
/// (<c>GWM.USE_MULT_FLOW</c> is false).
/// </summary>
/// <param name="First">The gap of the flow the loss reconstructs (GWM's <c>flow</c>).</param>
/// <param name="Second">The other gap (GWM's <c>flow_2</c>); it only restricts which frames qualify.</param>
public readonly record struct GapPair(int First, int Second);
