namespace VideoSeg.Reports.Html;

/// <summary>A named fact of the environment or the provenance, e.g. "Git commit" and its SHA.</summary>
/// <param name="Name">What the fact is.</param>
/// <param name="Value">Its value as text.</param>
public sealed record PageFact(string Name, string Value);
