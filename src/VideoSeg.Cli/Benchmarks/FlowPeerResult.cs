namespace VideoSeg.Cli.Benchmarks;

/// <summary>One OpenCV flow method on the FlyingChairs samples, as eng/reference/opencv_flow.py reports it.</summary>
/// <param name="Epe">The mean end-point error in pixels.</param>
/// <param name="Seconds">Seconds per pair.</param>
public sealed record FlowPeerResult(double Epe, double Seconds);
