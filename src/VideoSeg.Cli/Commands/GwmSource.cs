namespace VideoSeg.Cli.Commands;

/// <summary>The settings of the <c>gwm</c> base-mask source.</summary>
/// <param name="Checkpoint">The .pth checkpoint loaded, or null when the source is not gwm.</param>
/// <param name="Selector">corner-rule, motion-residual or oracle-iou.</param>
/// <param name="Queries">The network's K.</param>
public sealed record GwmSource(string? Checkpoint, string Selector, int Queries);
