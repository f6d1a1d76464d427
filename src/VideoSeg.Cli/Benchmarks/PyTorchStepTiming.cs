namespace VideoSeg.Cli.Benchmarks;

/// <summary>The PyTorch peer's GWM training step, as eng/reference/gwm_small_reference.py reports it.</summary>
/// <param name="Seconds">The median seconds per step.</param>
/// <param name="Threads">The torch threads it ran with.</param>
/// <param name="Version">PyTorch's version.</param>
/// <param name="Blas">The BLAS PyTorch was built with.</param>
public sealed record PyTorchStepTiming(double Seconds, int Threads, string Version, string Blas);
