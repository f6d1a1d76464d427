using System.Collections.Generic;
using System.Threading;
using VideoSeg.Core.Imaging;

namespace VideoSeg.Flow.Estimation;

/// <summary>
/// A dense optical-flow method. Implementations receive a whole batch of frame pairs at once
/// so that per-operation overheads (kernel launches, TorchSharp interop) are paid once per batch.
/// </summary>
public interface IFlowEstimator
{
    /// <summary>A short, stable name used in manifests and reports, e.g. <c>tvl1</c>.</summary>
    public string Name { get; }

    /// <summary>
    /// Estimates one flow per pair, from <paramref name="sources"/>[i] to <paramref name="targets"/>[i],
    /// in pixels at the input resolution: pixel (x, y) of the source moves to (x + u, y + v) in the target.
    /// </summary>
    /// <param name="sources">The frames the flows start from.</param>
    /// <param name="targets">The frames the flows end in; as many as <paramref name="sources"/>.</param>
    /// <param name="cancellationToken">Checked between solver stages.</param>
    /// <returns>One flow per pair, in input order.</returns>
    /// <exception cref="Core.VideoSegException">
    /// <see cref="Core.ErrorCodes.SizeMismatch"/> when the pairs do not all share one size, or
    /// <see cref="Core.ErrorCodes.InvalidArgument"/> when the two lists differ in length.
    /// </exception>
    public IReadOnlyList<FlowField> Estimate(IReadOnlyList<RgbImage> sources, IReadOnlyList<RgbImage> targets, CancellationToken cancellationToken);
}
