namespace VideoSeg.Flow.Import;

/// <summary>How imported flows are brought to the resolution the pipeline works at.</summary>
/// <param name="TargetWidth">Width, in pixels, of every imported flow.</param>
/// <param name="TargetHeight">Height, in pixels, of every imported flow.</param>
/// <param name="Rescaling">
/// Whether displacements are scaled with the resolution (<see cref="FlowRescaling.ScaleDisplacements"/>, the default)
/// or kept as stored, as the paper's code does (<see cref="FlowRescaling.KeepDisplacements"/>).
/// </param>
public sealed record FlowImportOptions(int TargetWidth, int TargetHeight, FlowRescaling Rescaling = FlowRescaling.ScaleDisplacements);
