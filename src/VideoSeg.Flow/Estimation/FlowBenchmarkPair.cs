namespace VideoSeg.Flow.Estimation;

/// <summary>The accuracy on one benchmark pair.</summary>
/// <param name="Name">The pair's name, e.g. <c>0000003</c> for FlyingChairs.</param>
/// <param name="MeanEndPointError">Mean end-point error over the pair's pixels, in pixels.</param>
public sealed record FlowBenchmarkPair(string Name, double MeanEndPointError);
